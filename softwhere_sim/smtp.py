"""A mail server on loopback for the tests that send e-mails: it speaks enough
SMTP for Python's ``smtplib`` (and so Odoo) to deliver to it, keeps what it
received, and refuses the recipients a test names (a 550, as a real server
refuses an unknown mailbox).

    with start_smtp(refuse={"compta@example.fr"}) as server:
        ... Odoo's ir.mail_server on 127.0.0.1:server.port ...
        server.messages  # [(mail from, [rcpt to], raw message bytes)]
"""

import email
import email.policy
import socketserver
import threading
from contextlib import contextmanager


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server.smtp
        self.reply("220 softwhere-sim ESMTP")
        sender, recipients = None, []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 softwhere-sim")
            elif verb == "MAIL":
                sender, recipients = command.split(":", 1)[1].strip(), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipient = command.split(":", 1)[1].strip().strip("<>")
                if recipient.lower() in server.refuse:
                    self.reply("550 5.1.1 Mailbox unavailable")
                else:
                    recipients.append(recipient)
                    self.reply("250 OK")
            elif verb == "DATA":
                if not recipients:
                    self.reply("554 No valid recipients")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                with server.lock:
                    server.messages.append((sender, recipients, b"".join(data)))
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class SmtpSimulator:
    def __init__(self, refuse=()):
        self.refuse = {address.lower() for address in refuse}
        self.messages = []
        self.lock = threading.Lock()
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.smtp = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def parsed(self):
        """The messages received, as ``email.message.EmailMessage`` objects."""
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for _sender, _recipients, raw in self.messages
        ]


@contextmanager
def start_smtp(refuse=()):
    server = SmtpSimulator(refuse).start()
    try:
        yield server
    finally:
        server.stop()
