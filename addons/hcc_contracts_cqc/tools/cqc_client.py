"""A small client of the Care Quality Commission's public API (Syndication API).

``GET {base}/locations/{locationId}`` with the subscription key in the
``Ocp-Apim-Subscription-Key`` header answers a JSON location. Its ratings come
in two shapes, and a location may carry both:

- the inspection framework (ratings to 2023), ``currentRatings.overall``::

    {"rating": "Good", "reportDate": "2024-05-03",
     "keyQuestionRatings": [{"name": "Safe", "rating": "Requires improvement"},
                            {"name": "Well-led", ...}, ...]}

- the Single Assessment Framework (from 2024), ``assessment[]``, each with
  ``assessmentPlanPublishedDateTime`` and ``ratings.overall[]`` (the location's
  overall rating) and ``ratings.asgRatings[]`` (one per assessment service
  group, each with ``assessmentDate``, ``rating``, ``status`` ("Current") and
  its ``keyQuestionRatings``).

The ratings returned are those of the latest of them by date (report date or
assessment date); a "not rated" label (e.g. "Evidence requirements partially
scored") counts only where the CQC has published no rating.
``registrationStatus`` ("Registered", "Deregistered") and ``deregistrationDate``
tell whether the location is still registered.

An unknown location answers 404; too many requests answer 429 with a
``Retry-After`` header in seconds. The client never touches the database: it
returns the ratings or raises a ``CqcError`` the caller records.

The subscription key travels in a header: only ``https`` addresses are used,
except on the loopback interface (a local proxy, the tests' fake server).
"""

import datetime
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
# what the API says of a service it has not rated (or not yet, or whose
# assessment is still being scored): a "not rated" value, never an error
NOT_RATED = {
    "not rated",
    "not yet rated",
    "not yet inspected",
    "inspected but not rated",
    "no published rating",
    "no approved rating",
    "insufficient evidence to rate",
    "evidence requirements partially scored",
    "evidence requirements not yet scored",
}
NOT_RATED_KEY = "not_rated"
REGISTRATION_STATUSES = {"registered": "registered", "deregistered": "deregistered"}
# higher is better
RANKS = {"outstanding": 4, "good": 3, "requires improvement": 2, "inadequate": 1}
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
        """Return the location's current ratings, or raise a ``CqcError``::

            {"overall": rating, "label": "the CQC's words", "date": "YYYY-MM-DD",
             "framework": "inspection" or "assessment",
             "key_questions": {"safe": rating, ...},
             "registration": "registered" or "deregistered" or False,
             "deregistration_date": "YYYY-MM-DD" or False}

        A rating is a value of ``RATINGS``, ``NOT_RATED_KEY`` for a label of
        ``NOT_RATED``, or False where the CQC gives none."""
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
        candidates = self._inspection_ratings(data, location_id)
        candidates += self._assessment_ratings(data, location_id)
        # the latest rating by date; at the same date the assessment (the
        # newer framework) before the inspection, the location's overall
        # rating before a service group's, then the worse service group. A
        # "not rated" label (an assessment whose evidence is not yet scored)
        # never hides a rating the CQC published: it counts only when there
        # is no rating at all.
        candidates.sort(
            key=lambda c: (self._is_rating(c[3]), c[0] or "", c[1]), reverse=True
        )
        date, _order, framework, text, questions = (
            candidates[0] if candidates else (False, 0, False, "", [])
        )
        key_questions = dict.fromkeys(KEY_QUESTIONS.values(), False)
        for question in questions:
            if not isinstance(question, dict):
                raise CqcError(f"Unexpected key question for {location_id}")
            field = KEY_QUESTIONS.get(str(question.get("name", "")).strip().lower())
            if field:
                key_questions[field] = self._rating(question.get("rating"), location_id)
        status = str(data.get("registrationStatus") or "").strip().lower()
        return {
            "overall": self._rating(text, location_id),
            "label": str(text or "").strip()[:100] or False,
            "date": date or False,
            "framework": framework,
            "key_questions": key_questions,
            "registration": REGISTRATION_STATUSES.get(status, False),
            "deregistration_date": self._day(data.get("deregistrationDate")),
        }

    def _inspection_ratings(self, data, location_id):
        """The inspection framework's overall rating, as a candidate
        ``(date, order, framework, rating, key questions)``."""
        current = data.get("currentRatings") or {}
        if not isinstance(current, dict):
            raise CqcError(f"Unexpected ratings for CQC location {location_id}")
        overall = current.get("overall") or {}
        if not isinstance(overall, dict):
            raise CqcError(f"Unexpected ratings for CQC location {location_id}")
        questions = overall.get("keyQuestionRatings") or []
        if not isinstance(questions, list):
            raise CqcError(f"Unexpected key questions for CQC location {location_id}")
        if not overall.get("rating") and not questions:
            return []
        date = self._day(overall.get("reportDate") or current.get("reportDate"))
        return [(date, (0, 0), "inspection", overall.get("rating"), questions)]

    def _assessment_ratings(self, data, location_id):
        """The Single Assessment Framework's current ratings, as candidates
        ``(date, order, framework, rating, key questions)``."""
        assessments = data.get("assessment") or []
        if not isinstance(assessments, list):
            raise CqcError(f"Unexpected assessments for CQC location {location_id}")
        candidates = []
        for assessment in assessments:
            ratings = isinstance(assessment, dict) and assessment.get("ratings")
            if not isinstance(ratings, dict):
                raise CqcError(f"Unexpected assessment for CQC location {location_id}")
            published = self._day(assessment.get("assessmentPlanPublishedDateTime"))
            for kind, order in (("overall", 2), ("asgRatings", 1)):
                entries = ratings.get(kind) or []
                if not isinstance(entries, list):
                    raise CqcError(
                        f"Unexpected assessment ratings for CQC location {location_id}"
                    )
                for entry in entries:
                    if not isinstance(entry, dict):
                        raise CqcError(
                            f"Unexpected assessment rating for CQC location "
                            f"{location_id}"
                        )
                    if str(entry.get("status") or "").strip().lower() == "historic":
                        continue
                    questions = entry.get("keyQuestionRatings") or []
                    if not isinstance(questions, list):
                        raise CqcError(
                            f"Unexpected key questions for CQC location {location_id}"
                        )
                    date = self._day(entry.get("assessmentDate")) or published
                    # of two service groups assessed the same day, the worse
                    # rating; a group not rated comes after any rated one
                    rating = " ".join(str(entry.get("rating") or "").split()).lower()
                    worse = -RANKS.get(rating, 5)
                    candidates.append(
                        (
                            date,
                            (1, order, worse),
                            "assessment",
                            entry.get("rating"),
                            questions,
                        )
                    )
        return candidates

    @staticmethod
    def _is_rating(text):
        return " ".join(str(text or "").split()).lower() in RANKS

    @staticmethod
    def _day(value):
        """``YYYY-MM-DD`` of a date or date and time the API gives, or False."""
        text = str(value or "").strip()[:10]
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            return False

    @staticmethod
    def _rating(text, location_id):
        """The rating's key, False when not rated; a value the CQC has never
        used raises, so that the last good rating is kept."""
        key = " ".join(str(text or "").split()).lower()
        if not key:
            return False
        if key in NOT_RATED:
            return NOT_RATED_KEY
        if key not in RATINGS:
            raise CqcError(
                f"Unrecognised CQC rating {str(text)[:50]!r} for location {location_id}"
            )
        return RATINGS[key]
