package io.orgbase.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orgbase.launcher.FreePorts;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP server every target sends to: GreenMail in the test JVM, on one loopback port for the
 * whole run (it can be stopped and started again on that port, to play an outage). Tests read what
 * arrived for their own addresses, which are unique per test.
 */
final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static Mailbox instance;

    private final int port;
    private GreenMail server;

    /** A received message, decoded. */
    record Mail(String to, String from, String subject, String text, String html, String messageId, MimeMessage raw) {

        /** The links of the plain-text part. */
        List<String> links() {
            List<String> links = new ArrayList<>();
            Matcher matcher = LINK.matcher(text);
            while (matcher.find()) {
                links.add(matcher.group());
            }
            return links;
        }

        /** The first link whose path contains {@code part}. */
        String link(String part) {
            return links().stream()
                    .filter(link -> link.contains(part))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no link with " + part + " in: " + text));
        }

        /** The token query parameter of the first link containing {@code part}. */
        String token(String part) {
            String link = link(part);
            return link.substring(link.indexOf("token=") + "token=".length());
        }
    }

    private Mailbox(int port) {
        this.port = port;
        start();
    }

    static synchronized Mailbox get() {
        if (instance == null) {
            instance = new Mailbox(FreePorts.next());
        }
        return instance;
    }

    int port() {
        return port;
    }

    /** Starts (again) on the same port. */
    synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Stops: connections are refused until {@link #start()}; what arrived before is forgotten. */
    synchronized void stop() {
        server.stop();
    }

    /** Everything that arrived for {@code address} (any case), oldest first. */
    synchronized List<Mail> to(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .map(Mailbox::decode)
                .filter(mail -> mail.to().equalsIgnoreCase(address))
                .toList();
    }

    /** Waits for the first message to {@code address} that {@code filter} accepts. */
    Mail await(String address, Predicate<Mail> filter) {
        return Eventually.get("a message to " + address, Duration.ofSeconds(30), () -> to(address).stream()
                .filter(filter)
                .findFirst());
    }

    /** Waits for the first message to {@code address} whose subject contains {@code subject}. */
    Mail await(String address, String subject) {
        return await(address, mail -> mail.subject().contains(subject));
    }

    private static Mail decode(MimeMessage message) {
        try {
            String to = Optional.ofNullable(message.getRecipients(RecipientType.TO))
                    .filter(a -> a.length > 0)
                    .map(a -> ((jakarta.mail.internet.InternetAddress) a[0]).getAddress())
                    .orElse("");
            String[] parts = new String[2];
            collect(message.getContent(), parts);
            return new Mail(
                    to,
                    message.getFrom()[0].toString(),
                    message.getSubject(),
                    parts[0] == null ? "" : parts[0],
                    parts[1] == null ? "" : parts[1],
                    message.getMessageID(),
                    message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Object content, String[] parts) throws MessagingException, IOException {
        if (content instanceof String text) {
            parts[0] = parts[0] == null ? text : parts[0];
        } else if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    parts[0] = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    parts[1] = (String) part.getContent();
                } else {
                    collect(part.getContent(), parts);
                }
            }
        }
    }
}
