package io.orgbase.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP server on a free loopback port for running Orgbase without one configured: it keeps
 * what Orgbase sends in memory and prints each message's recipient, subject and links on the
 * console, so that verification, reset and invitation links can be followed locally.
 */
final class LocalMailbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalMailbox.class.getName());
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail server;
    private final int port;
    private final Thread printer;
    private volatile boolean open = true;

    private static final int PURGE_AFTER = 100;

    private LocalMailbox(int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        printer = new Thread(this::print, "orgbase-local-mailbox");
        printer.setDaemon(true);
        printer.start();
    }

    static LocalMailbox start() {
        return new LocalMailbox(FreePorts.forOwnChild());
    }

    int port() {
        return port;
    }

    private void print() {
        int shown = 0;
        while (open) {
            try {
                server.waitForIncomingEmail(1000, shown + 1);
                MimeMessage[] received = server.getReceivedMessages();
                for (; shown < received.length; shown++) {
                    LOG.info(describe(received[shown]));
                }
                // shown is all it is kept for: a long session (an announcement to thousands) would
                // otherwise hold every message. Only when nothing arrived meanwhile, so none goes unseen.
                if (shown >= PURGE_AFTER && server.getReceivedMessages().length == shown) {
                    server.purgeEmailFromAllMailboxes();
                    shown = 0;
                }
            } catch (com.icegreen.greenmail.store.FolderException e) {
                LOG.warning("Could not empty the local mailbox: " + e.getMessage());
            } catch (RuntimeException e) {
                if (open) {
                    LOG.warning("Could not show a message: " + e.getMessage());
                }
            }
        }
    }

    static String describe(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder("\n\n    Mail to ")
                    .append(String.join(", ", addresses(message)))
                    .append(": ")
                    .append(message.getSubject());
            for (String link : links(message)) {
                text.append("\n      ").append(link);
            }
            return text.append('\n').toString();
        } catch (jakarta.mail.MessagingException | IOException e) {
            return "A message arrived that could not be read: " + e.getMessage();
        }
    }

    private static Set<String> addresses(MimeMessage message) throws jakarta.mail.MessagingException {
        Set<String> result = new LinkedHashSet<>();
        if (message.getAllRecipients() != null) {
            for (var address : message.getAllRecipients()) {
                result.add(address.toString());
            }
        }
        return result;
    }

    /** The links of the plain-text part (or of the whole message when it has none). */
    static Set<String> links(MimeMessage message) throws jakarta.mail.MessagingException, IOException {
        String text = plainText(message.getContent());
        Set<String> result = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(text == null ? "" : text);
        while (matcher.find()) {
            result.add(matcher.group());
        }
        return result;
    }

    private static String plainText(Object content) throws jakarta.mail.MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                String nested = plainText(multipart.getBodyPart(i).getContent());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        open = false;
        server.stop();
    }
}
