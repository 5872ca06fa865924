"""Print the demo users, what each of them sees, and the shared demo password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count, Q

from safeguard.access.models import InvolvementKind
from safeguard.accounts.models import User
from safeguard.demo.data import CONTEXT_LOGINS, DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "List the demo users of the synthetic authority, with their role, team and what they see."

    def handle(self, *args: Any, **options: Any) -> None:
        sees_by_username = {spec.username: spec.sees for spec in DEMO_USERS} | dict(CONTEXT_LOGINS)
        usernames = list(sees_by_username)
        users = {
            u.username: u
            for u in User.objects.filter(username__in=usernames, is_active=True)
            .select_related("agency", "team")
            .annotate(
                caseload=Count(
                    "involvements",
                    filter=Q(involvements__kind=InvolvementKind.ALLOCATED_WORKER, involvements__ended_at__isnull=True),
                )
            )
        }
        if not users:
            self.stdout.write("There are no demo users. Load the demo authority with: manage.py seed_demo")
            return
        rows = [("Username", "Role", "Team or agency", "Sees")]
        for username, sees in sees_by_username.items():
            user = users.get(username)
            if user is None:
                continue
            where = user.team.name if user.team else (user.agency.name if user.agency else "")
            caseload = getattr(user, "caseload", 0)
            if caseload:
                sees = f"{caseload} allocated children. {sees}"
            rows.append((user.username, user.get_role_display(), where, sees))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("Demo sign-ins for Northbrook Borough Council (synthetic data only):\n")
        for i, (username, role, where, sees) in enumerate(rows):
            self.stdout.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {where:<{widths[2]}}  {sees}")
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths) + "  " + "-" * 4)
        self.stdout.write(f"\nEvery demo user's password is: {DEMO_PASSWORD}")
        others = User.objects.filter(username__startswith="sw.", is_active=True).exclude(username__in=usernames)
        count = others.count()
        if count:
            self.stdout.write(
                f"{count} further social workers (sw.<team>.NNN, for example sw.cic.001) share the same password."
            )
