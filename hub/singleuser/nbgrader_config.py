# nbgrader in the pupil's server: the exchange is the portal's HTTP API.
c = get_config()  # noqa: F821 - provided by traitlets when loading config
c.ExchangeFactory.fetch_assignment = "kodefag.hub.exchange.FetchAssignment"
c.ExchangeFactory.fetch_feedback = "kodefag.hub.exchange.FetchFeedback"
c.ExchangeFactory.submit = "kodefag.hub.exchange.Submit"
c.ExchangeFactory.list = "kodefag.hub.exchange.List"
c.Exchange.assignment_dir = "."
