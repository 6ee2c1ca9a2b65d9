"""Locust users for `kodefag bench portal`: teachers who click through their class.

Each simulated teacher logs in through the hub's real login form (the portal then logs in
through the hub's OAuth, as in a browser) and, with a few seconds' thought between clicks,
opens the class overview, an activity, a pupil's page, and again the class. The accounts
come from the JSON file named by ``KODEFAG_BENCH_USERS`` (written by the benchmark).
"""
import itertools
import json
import os
import re

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["KODEFAG_BENCH_USERS"], encoding="utf-8").read())
_next = itertools.count()


class Teacher(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.account = ACCOUNTS[next(_next) % len(ACCOUNTS)]
        page = self.client.get("/hub/login", name="login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        self.client.post("/hub/login", name="login", allow_redirects=False,
                         data={"username": self.account["username"], "password": self.account["password"],
                               "_xsrf": xsrf})
        self.client.get("/services/portal/", name="login")  # the portal's OAuth round trip

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
