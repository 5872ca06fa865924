"""The SSDA903 children looked after return: tables from the care context's episodes."""
