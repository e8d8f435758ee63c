"""A small SMTP server on loopback that keeps every message it receives, standing in for the
deployment's mail relay (the app servers and qclusters send real SMTP to it). It offers
STARTTLS with the run's certificate and accepts any AUTH PLAIN/LOGIN, so a complete production
email setting (TLS, user and password) works."""

import email
import email.policy
import socketserver
import ssl
import threading


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 localhost tsunagu test mailbox")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-STARTTLS\r\n"
                                 b"250 AUTH PLAIN LOGIN\r\n")
            elif verb == "STARTTLS":
                self.reply("220 ready to start TLS")
                self.wfile.flush()
                self.connection = self.server.tls.wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb", buffering=0)
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "AUTH":
                self._authenticate(command)
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>").split(">")[0])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                self.server.keep(recipients, self._read_data())
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")

    def _authenticate(self, command):
        parts = command.split()
        if len(parts) == 2 and parts[1].upper() == "LOGIN":
            for prompt in ("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6"):
                self.reply(prompt)
                self.rfile.readline()
        elif len(parts) == 2:  # AUTH PLAIN with the credentials on the next line
            self.reply("334 ")
            self.rfile.readline()
        self.reply("235 accepted")

    def _read_data(self):
        lines = []
        while True:
            line = self.rfile.readline()
            if line in (b".\r\n", b".\n", b""):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return email.message_from_bytes(b"".join(lines), policy=email.policy.default)


class Mailbox(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls_dir):
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(tls_dir / "cert.pem", tls_dir / "key.pem")
        super().__init__(("127.0.0.1", 0), _Session)
        self.port = self.server_address[1]
        self.messages = []  # (recipient, subject, body)
        self._lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def keep(self, recipients, message):
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        with self._lock:
            self.messages.extend((r, str(message["subject"]), text) for r in recipients)

    def to(self, recipient):
        with self._lock:
            return [(subject, body) for r, subject, body in self.messages if r == recipient]
