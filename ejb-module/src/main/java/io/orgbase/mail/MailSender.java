package io.orgbase.mail;

import io.orgbase.logging.Logs;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands queued messages to the SMTP server: woken after each commit that queued mail, and every five
 * seconds by a sweep that finds retries that are due and what a crash left behind. One run at a time
 * per member; members share the queue by leases. A message the server refuses for good (an invalid
 * recipient) fails at once; any other failure is retried, the delay doubling from {@code
 * ORGBASE_MAIL_RETRY_DELAY} to {@code ORGBASE_MAIL_MAX_RETRY_DELAY}, until the message is older than
 * {@code ORGBASE_MAIL_GIVE_UP_AFTER}.
 *
 * <p>At least once: a member killed after the server accepted a message but before the queue
 * recorded it sends it again when its lease runs out, with the same Message-ID. Progress is recorded
 * every {@value #RECORD_EVERY} messages to keep such repeats few.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailSender {

    private static final Logger LOG = Logs.get(MailSender.class);
    static final int BATCH = 50;
    static final int RECORD_EVERY = 10;
    private static final long QUIET_MILLIS = 60_000;

    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong lastComplaint = new AtomicLong();

    @EJB
    MailQueue queue;

    @Inject
    MailSettings settings;

    @Inject
    @ConfigProperty(name = "orgbase.mail.retry-delay", defaultValue = "PT30S")
    Duration retryDelay;

    @Inject
    @ConfigProperty(name = "orgbase.mail.max-retry-delay", defaultValue = "PT15M")
    Duration maxRetryDelay;

    @Inject
    @ConfigProperty(name = "orgbase.mail.give-up-after", defaultValue = "P2D")
    Duration giveUpAfter;

    @Inject
    @ConfigProperty(name = "orgbase.mail.lease", defaultValue = "PT2M")
    Duration lease;

    @Inject
    @ConfigProperty(name = "orgbase.mail.retention-days", defaultValue = "30")
    int retentionDays;

    /** Sends soon, on another thread (the caller has just committed). */
    @Asynchronous
    public void kick() {
        drain();
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "mail sweep")
    public void sweep() {
        drain();
    }

    /**
     * Forgets old messages (their bodies went when they were sent): maintenance task {@code
     * mail-retention}.
     *
     * @return how many went
     */
    public int forgetOld() {
        return queue.forget(retentionDays);
    }

    void drain() {
        if (!settings.configured()) {
            return;
        }
        wanted.set(true);
        while (wanted.get() && sending.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                while (sendNext() == BATCH) {
                    // a full batch: more may be due
                }
            } catch (RuntimeException e) {
                complain("Sending email failed; messages stay queued and are retried", e);
                return;
            } finally {
                sending.set(false);
            }
        }
    }

    /** Claims and sends one batch; returns how many messages were claimed (0 also when the server is away). */
    private int sendNext() {
        List<MailQueue.Claimed> claimed = queue.claim(BATCH, (int) Math.max(1, lease.toSeconds()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Session session = settings.session();
        Transport transport;
        try {
            transport = session.getTransport();
            transport.connect();
        } catch (MessagingException e) {
            complain("The SMTP server is not reachable; " + claimed.size() + " messages are retried", e);
            claimed.forEach(message -> retryOrGiveUp(message, describe(e)));
            return 0;
        }
        List<UUID> sent = new ArrayList<>();
        long deadline = System.nanoTime() + lease.toNanos() / 2;
        try {
            for (MailQueue.Claimed message : claimed) {
                if (System.nanoTime() > deadline) {
                    // a slow server: what is left goes back before the lease ends and another
                    // member could send it too
                    queue.failed(
                            message.id(),
                            "Not sent within half the lease; released",
                            OffsetDateTime.now(ZoneOffset.UTC));
                    continue;
                }
                send(session, transport, message, sent);
                if (sent.size() >= RECORD_EVERY) {
                    queue.sent(sent);
                    sent.clear();
                }
            }
        } finally {
            queue.sent(sent);
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.log(Level.FINE, "Closing the SMTP connection failed", e);
            }
        }
        return claimed.size();
    }

    private void send(Session session, Transport transport, MailQueue.Claimed message, List<UUID> sent) {
        if (message.text() == null || message.html() == null) {
            queue.failed(message.id(), "The message has no body", null);
            return;
        }
        MimeMessage mime;
        try {
            mime = build(session, message);
        } catch (AddressException e) {
            queue.failed(message.id(), "Not a deliverable address: " + e.getMessage(), null);
            return;
        } catch (MessagingException e) {
            queue.failed(message.id(), describe(e), null);
            return;
        }
        try {
            if (!transport.isConnected()) {
                transport.connect();
            }
            transport.sendMessage(mime, mime.getAllRecipients());
            sent.add(message.id());
            LOG.fine(() -> "Sent " + message.messageId() + " to " + message.to());
        } catch (SendFailedException e) {
            boolean refusedForGood = e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0;
            if (refusedForGood && e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                queue.failed(message.id(), "The server refused the recipient: " + describe(e), null);
            } else {
                retryOrGiveUp(message, describe(e));
            }
        } catch (MessagingException | IllegalStateException e) {
            retryOrGiveUp(message, describe(e));
        }
    }

    private MimeMessage build(Session session, MailQueue.Claimed message) throws MessagingException {
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", message.messageId());
            }
        };
        mime.setFrom(settings.from());
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
        mime.setSubject(message.subject(), "UTF-8");
        mime.setSentDate(Date.from(message.createdAt().toInstant()));
        mime.setHeader("Auto-Submitted", "auto-generated");
        mime.setHeader("X-Auto-Response-Suppress", "All");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        mime.setContent(alternatives);
        mime.saveChanges();
        return mime;
    }

    private void retryOrGiveUp(MailQueue.Claimed message, String error) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (message.createdAt().plus(giveUpAfter).isBefore(now)) {
            queue.failed(message.id(), "Gave up after " + message.attempts() + " attempts: " + error, null);
            return;
        }
        queue.failed(message.id(), error, now.plus(delayAfter(message.attempts(), retryDelay, maxRetryDelay)));
    }

    /** The wait after the {@code attempts}-th failed try: doubling from {@code base}, at most {@code max}. */
    static Duration delayAfter(int attempts, Duration base, Duration max) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text;
    }

    private void complain(String what, Exception e) {
        long now = System.currentTimeMillis();
        long last = lastComplaint.get();
        if (now - last >= QUIET_MILLIS && lastComplaint.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, what + ": " + describe(e));
        }
    }
}
