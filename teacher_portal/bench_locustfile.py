"""Locust users for `kodefag bench portal`: teachers who click through their class.

Each simulated teacher is a browser session that logged in before the load starts (the
hub's login form, then the portal's OAuth round trip: `bench.browser_session`), so the
measured requests are the pages, not 50 password checks at once. With a few seconds'
thought between clicks the teacher opens the class overview, an activity and a pupil's
page. The accounts and their cookies come from the JSON file named by
``KODEFAG_BENCH_USERS`` (written by the benchmark).
"""
import itertools
import json
import os

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["KODEFAG_BENCH_USERS"], encoding="utf-8").read())
_next = itertools.count()


class Teacher(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.account = ACCOUNTS[next(_next) % len(ACCOUNTS)]
        for cookie in self.account["cookies"]:
            self.client.cookies.set(cookie["name"], cookie["value"], domain=cookie["domain"], path=cookie["path"])

    @task(3)
    def class_overview(self):
        self.client.get(f"/services/portal/klasse/{self.account['slug']}", name="class overview")

    @task(2)
    def activity(self):
        self.client.get(f"/services/portal/klasse/{self.account['slug']}/aktivitet/{self.account['activity']}",
                        name="activity page")

    @task(1)
    def pupil(self):
        self.client.get(f"/services/portal/klasse/{self.account['slug']}/elev/{self.account['pupil']}/maal",
                        name="pupil page")
