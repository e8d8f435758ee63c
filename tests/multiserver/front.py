"""The run's front: nginx on loopback with a self-signed certificate, round-robin over the app
servers, including the deployment's own deploy/nginx/tsunagu-proxy.conf. Only here (never in
the deployment's files) nginx names the app server that answered, in X-Served-By."""

import datetime
import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .processes import ROOT

PROXY_CONF = ROOT / "deploy" / "nginx" / "tsunagu-proxy.conf"

NGINX_CONF = """\
{user}worker_processes 1;  # one round-robin counter: requests alternate between the app servers
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log notice;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    upstream tsunagu_app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {tls}/cert.pem;
        ssl_certificate_key {tls}/key.pem;
        # The test's only addition: which app server(s) answered (two when nginx moved on).
        add_header X-Served-By $upstream_addr always;
        include {proxy_conf};
    }}
}}
"""


def write_certificate(directory: Path):
    """A self-signed certificate for localhost and 127.0.0.1: nginx's (the session cookies are
    Secure) and the mailbox's STARTTLS. Returns the certificate file, which is its own CA."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    (directory / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return directory / "cert.pem"


def write_nginx(directory: Path, port, app_ports, tls: Path):
    """nginx.conf in `directory` (nginx's prefix), with the certificate written to `tls`."""
    for sub in ("logs", "tmp"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in app_ports)
    # As root, nginx's workers would run as `nobody`, who cannot use these temp directories.
    user = "user root root;\n" if os.getuid() == 0 else ""
    (directory / "nginx.conf").write_text(NGINX_CONF.format(
        user=user, prefix=directory, servers=servers, port=port, proxy_conf=PROXY_CONF, tls=tls))
