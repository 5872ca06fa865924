// While a return is being produced, ask for its progress every two seconds and show it;
// when it is finished, load the page again to show the result.
const box = document.querySelector("[data-return-progress]");
if (box) {
  const url = box.dataset.statusUrl;
  const stage = box.querySelector("[data-return-stage]");
  const percent = box.querySelector("[data-return-percent]");
  const count = box.querySelector("[data-return-count]");
  const bar = box.querySelector("progress");
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      const state = await response.json();
      if (state.finished) {
        window.location.reload();
        return;
      }
      stage.textContent = state.stage;
      percent.textContent = String(state.percent);
      bar.value = state.percent;
      bar.textContent = `${state.percent}%`;
      if (count && state.total) count.textContent = `${state.done} of ${state.total}`;
    } catch {
      // The page still offers a refresh link.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
