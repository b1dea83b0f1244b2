"""A small client of the Care Quality Commission's public API (Syndication API).

``GET {base}/locations/{locationId}`` with the subscription key in the
``Ocp-Apim-Subscription-Key`` header answers a JSON location whose ratings are::

    {"locationId": "1-000000001", "name": "...",
     "currentRatings": {
         "overall": {
             "rating": "Good", "reportDate": "2024-05-03",
             "keyQuestionRatings": [
                 {"name": "Safe", "rating": "Requires improvement",
                  "reportDate": "2024-05-03"},
                 {"name": "Effective", ...}, {"name": "Caring", ...},
                 {"name": "Responsive", ...}, {"name": "Well-led", ...}]}}}

An unknown location answers 404; too many requests answer 429 with a
``Retry-After`` header in seconds. The client never touches the database: it
returns the ratings or raises a ``CqcError`` the caller records.

The subscription key travels in a header: only ``https`` addresses are used,
except on the loopback interface (a local proxy, the tests' fake server).
"""

import ipaddress
import time
from urllib.parse import quote, urlsplit

import requests

DEFAULT_CQC_API_URL = "https://api.service.cqc.org.uk/public/v1"
DEFAULT_TIMEOUT = 10.0
RATINGS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "inadequate": "inadequate",
}
# what the API says of a service it has not rated: no rating, not an error
NOT_RATED = {"", "not rated", "not yet rated", "insufficient evidence to rate"}
KEY_QUESTIONS = {
    "safe": "safe",
    "effective": "effective",
    "caring": "caring",
    "responsive": "responsive",
    "well-led": "well_led",
}


class CqcError(Exception):
    """The API did not give a usable answer; the last good rating stands."""


class CqcNotFound(CqcError):
    pass


def url_problem(url):
    """Why ``url`` may not be used as the API address, or None."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname or ""
    except ValueError:
        return f"{url} is not a web address"
    if parts.scheme == "https" and host:
        return None
    if parts.scheme == "http" and _is_loopback(host):
        return None
    return f"{url} is not an https address: the subscription key would travel in clear"


def _is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class CqcClient:
    def __init__(
        self,
        base_url=DEFAULT_CQC_API_URL,
        subscription_key=None,
        timeout=10.0,
        retries=3,
        max_wait=30.0,
        session=None,
    ):
        self.base_url = (base_url or DEFAULT_CQC_API_URL).rstrip("/")
        self.url_problem = url_problem(self.base_url)
        self.subscription_key = subscription_key
        self.timeout = timeout
        self.retries = retries
        self.max_wait = max_wait
        self.session = session or requests.Session()

    def get_location_ratings(self, location_id):
        """Return ``{"overall": rating, "date": "YYYY-MM-DD", "key_questions":
        {"safe": rating, ...}}`` (ratings as the keys of ``RATINGS`` values,
        False when not rated) for the location, or raise a ``CqcError``."""
        path = "/locations/" + quote(str(location_id), safe="")
        return self._parse(self._get(path), location_id)

    def _get(self, path):
        if self.url_problem:
            raise CqcError(f"The CQC API address is refused: {self.url_problem}")
        headers = {"Accept": "application/json"}
        if self.subscription_key:
            headers["Ocp-Apim-Subscription-Key"] = self.subscription_key
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            try:
                response = self.session.get(url, headers=headers, timeout=self.timeout)
            except requests.Timeout as exc:
                raise CqcError(
                    f"The CQC API did not answer in time (timeout {self.timeout}s)"
                ) from exc
            except requests.RequestException as exc:
                raise CqcError(f"The CQC API could not be reached: {exc}") from exc
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == self.retries:
                    break
                time.sleep(self._wait(response, attempt))
                continue
            if response.status_code == 404:
                raise CqcNotFound(f"The CQC does not know location {path}")
            if response.status_code != 200:
                raise CqcError(f"The CQC API answered HTTP {response.status_code}")
            try:
                return response.json()
            except ValueError as exc:
                raise CqcError("The CQC API answered with malformed JSON") from exc
        raise CqcError(
            f"The CQC API is still refusing requests (HTTP {response.status_code}) "
            f"after {self.retries} retries"
        )

    def _wait(self, response, attempt):
        """Seconds to wait: the server's Retry-After, else exponential backoff."""
        try:
            wait = float(response.headers.get("Retry-After", ""))
        except ValueError:
            wait = 2.0**attempt
        return max(0.0, min(wait, self.max_wait))

    def _parse(self, data, location_id):
        if not isinstance(data, dict):
            raise CqcError(f"Unexpected answer for CQC location {location_id}")
        overall = (data.get("currentRatings") or {}).get("overall") or {}
        if not isinstance(overall, dict):
            raise CqcError(f"Unexpected ratings for CQC location {location_id}")
        questions = overall.get("keyQuestionRatings") or []
        if not isinstance(questions, list):
            raise CqcError(f"Unexpected key questions for CQC location {location_id}")
        key_questions = dict.fromkeys(KEY_QUESTIONS.values(), False)
        for question in questions:
            if not isinstance(question, dict):
                raise CqcError(f"Unexpected key question for {location_id}")
            field = KEY_QUESTIONS.get(str(question.get("name", "")).lower())
            if field:
                key_questions[field] = self._rating(question.get("rating"), location_id)
        return {
            "overall": self._rating(overall.get("rating"), location_id),
            "date": overall.get("reportDate") or False,
            "key_questions": key_questions,
        }

    @staticmethod
    def _rating(text, location_id):
        """The rating's key, False when not rated; a value the CQC has never
        used raises, so that the last good rating is kept."""
        key = str(text or "").strip().lower()
        if key in NOT_RATED:
            return False
        if key not in RATINGS:
            raise CqcError(
                f"Unrecognised CQC rating {str(text)[:50]!r} for location {location_id}"
            )
        return RATINGS[key]
