"""A person using the site through nginx: a cookie session over HTTPS, CSRF as a browser sends it
(token from the cookie, Referer from the page), and a note of which app server answered each
request (nginx's X-Served-By, mapped to a server's name)."""

import hashlib
import hmac
import re
import struct
import threading
import time
from collections import Counter

import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(hex_key, at=None, step=30, digits=6):
    """The code an authenticator app shows (RFC 6238, HMAC-SHA1), computed independently of the
    app's own library."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


class Front:
    """Where nginx listens, and which upstream address is which app server."""

    def __init__(self, base_url, ca_file, servers):
        self.base_url, self.ca_file = base_url.rstrip("/"), ca_file
        self.servers = servers  # "127.0.0.1:port" -> "app-a"
        self.landed = Counter()  # app server -> requests it answered, every person together
        self._lock = threading.Lock()

    def note(self, server):
        with self._lock:
            self.landed[server] += 1

    def server_of(self, response):
        upstream = response.headers.get("X-Served-By", "")
        names = [self.servers.get(part.strip(), part.strip()) for part in upstream.split(",") if part.strip()]
        return names[-1] if names else None


class Browser:
    def __init__(self, front, who="visitor"):
        self.front, self.who = front, who
        self.session = requests.Session()
        self.session.verify = str(front.ca_file)
        # Not the machine's CA bundle from REQUESTS_CA_BUNDLE, which would override `verify`.
        self.session.trust_env = False
        self.last = None
        self.servers = []

    def url(self, path):
        return path if path.startswith("https://") else self.front.base_url + path

    def request(self, method, path, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        if method == "POST":
            headers = kwargs.setdefault("headers", {})
            headers.setdefault("Referer", self.url(path))
            token = self.session.cookies.get("csrftoken")
            if token:
                headers.setdefault("X-CSRFToken", token)
        response = self.session.request(method, self.url(path), **kwargs)
        response.served_by = self.front.server_of(response)
        if response.served_by:
            self.front.note(response.served_by)
            self.servers.append(response.served_by)
        self.last = response
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        data = dict(data or {})
        token = self.session.cookies.get("csrftoken")
        if token:
            data.setdefault("csrfmiddlewaretoken", token)
        return self.request("POST", path, data=data, **kwargs)

    def land_next_on(self, server, probe="/healthz"):
        """Make the next request go to `server`: nginx (one worker) alternates round-robin, so
        probe until the server before it answered."""
        for _ in range(6):
            if self.get(probe).served_by not in (server, None):
                return
        raise AssertionError(f"could not steer the next request to {server}")

    def sign_in(self, person, second_factor=True):
        """The admin sign-in form, then the authenticator code. Returns the last response."""
        self.get("/admin/login/")
        response = self.post("/admin/login/", {"username": person["username"], "password": person["password"],
                                               "next": "/admin/"})
        if response.status_code != 302 or not second_factor:
            return response
        verify = self.get("/admin/")
        location = verify.headers.get("Location", "")
        assert verify.status_code == 302 and "/2fa/verify/" in location, (
            f"{self.who}: after the password the admin should ask for the code, got {verify.status_code} {location}")
        self.get(location)
        response = self.post(location, {"token": totp(person["totp_key"])})
        assert response.status_code == 302, f"{self.who}: the authenticator code was refused ({response.status_code})"
        home = self.get("/admin/")
        assert home.status_code == 200, f"{self.who}: the admin home answered {home.status_code} after 2FA"
        return home
