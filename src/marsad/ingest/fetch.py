"""A polite HTTP client for the user's own feeds and the pages they link: a User-Agent that names
marsad, a timeout on every request, robots.txt honoured, a pause between requests to one host, and a
cap on the bytes read. Failures come back as `FetchError` with a reason worth storing.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from marsad import __version__
from marsad.errors import InputError

USER_AGENT = f"marsad/{__version__} (Arabic news monitor; +https://github.com/marsad)"
TIMEOUT_S = 20.0
HOST_DELAY_S = 1.0
MAX_BYTES = 10 * 1024 * 1024


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, robots.txt, too large)."""


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    timeout: float = TIMEOUT_S
    host_delay: float = HOST_DELAY_S
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str) -> Page:
        """Fetch one URL (http, https or file) or raise FetchError saying why not."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "file"):
            raise FetchError(f"{url}: unsupported URL scheme {parts.scheme!r}")
        if parts.scheme != "file" and self.respect_robots and not self.allowed(url):
            raise FetchError(f"{url}: disallowed by robots.txt for {self.user_agent.split(' ')[0]}")
        self._pause(parts.netloc)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept-Encoding": "identity"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                body = resp.read(self.max_bytes + 1)
                status = int(getattr(resp, "status", 200) or 200)
                ctype = str(resp.headers.get("Content-Type", "") or "")
                final = str(resp.geturl())
        except urllib.error.HTTPError as exc:
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise FetchError(f"{url}: timed out after {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise FetchError(f"{url}: timed out after {self.timeout:g} s") from None
            raise FetchError(f"{url}: cannot connect: {reason}") from None
        except (OSError, ValueError) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        finally:
            self._last[parts.netloc] = time.monotonic()
        if len(body) > self.max_bytes:
            raise FetchError(f"{url}: response larger than {self.max_bytes:,} bytes")
        return Page(url, final, status, ctype, body)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        return True if robots is None else robots.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """robots.txt of a site; None (allow all) when it has none, as the standard says."""
        robots_url = urlunsplit((*urlsplit(origin)[:2], "/robots.txt", "", ""))
        parser = urllib.robotparser.RobotFileParser(robots_url)
        request = urllib.request.Request(robots_url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                lines = resp.read(512 * 1024).decode("utf-8", "replace").splitlines()
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):  # robots.txt forbidden: the site forbids everything (RFC 9309)
                parser.parse(["User-agent: *", "Disallow: /"])
                return parser
            return None
        except (OSError, ValueError):
            return None  # unreachable robots.txt: the page fetch itself will report the problem
        finally:
            self._last[urlsplit(origin).netloc] = time.monotonic()
        parser.parse(lines)
        return parser

    def _pause(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.host_delay - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
