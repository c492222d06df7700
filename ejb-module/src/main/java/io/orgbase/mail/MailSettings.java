package io.orgbase.mail;

import io.orgbase.logging.Logs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP server and the sender's address, from {@code ORGBASE_SMTP_*} and {@code
 * ORGBASE_MAIL_FROM}, and the address people reach Orgbase at ({@code ORGBASE_PUBLIC_URL}), which
 * links in messages start with. Without {@code ORGBASE_SMTP_HOST} messages are queued but not sent.
 */
@ApplicationScoped
public class MailSettings {

    private static final Logger LOG = Logs.get(MailSettings.class);

    /** How the connection to the SMTP server is protected. */
    public enum Tls {
        NONE,
        STARTTLS,
        TLS;

        static Tls parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "ORGBASE_SMTP_TLS must be none, starttls or tls, not '" + value + "'", e);
            }
        }

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }

    @Inject
    @ConfigProperty(name = "orgbase.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "orgbase.smtp.port")
    Optional<Integer> port;

    @Inject
    @ConfigProperty(name = "orgbase.smtp.tls", defaultValue = "starttls")
    String tls;

    @Inject
    @ConfigProperty(name = "orgbase.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "orgbase.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "orgbase.smtp.timeout", defaultValue = "PT30S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "orgbase.mail.from", defaultValue = "Orgbase <no-reply@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "orgbase.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    private Session session;
    private InternetAddress fromAddress;
    private String baseUrl;

    @PostConstruct
    void init() {
        try {
            fromAddress = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("ORGBASE_MAIL_FROM is not an email address: " + e.getMessage(), e);
        }
        URI url = URI.create(publicUrl.strip());
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("ORGBASE_PUBLIC_URL must be an http(s) address, not " + publicUrl);
        }
        baseUrl = url.toString().replaceAll("/+$", "");
        Optional<String> smtpHost = host.map(String::strip).filter(h -> !h.isEmpty());
        if (smtpHost.isEmpty()) {
            LOG.warning("No SMTP server is configured (ORGBASE_SMTP_HOST): email is queued but not sent");
            return;
        }
        Tls mode = Tls.parse(tls);
        Properties properties = new Properties();
        String protocol = mode == Tls.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", smtpHost.get());
        properties.put(prefix + "port", String.valueOf(port.orElse(mode.defaultPort())));
        properties.put(prefix + "connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put(prefix + "timeout", String.valueOf(timeout.toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(timeout.toMillis()));
        properties.put(prefix + "from", fromAddress.getAddress());
        if (mode == Tls.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (mode != Tls.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        Authenticator authenticator = null;
        Optional<String> smtpUser = user.map(String::strip).filter(u -> !u.isEmpty());
        if (smtpUser.isPresent()) {
            properties.put(prefix + "auth", "true");
            String secret = password.orElse("");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtpUser.get(), secret);
                }
            };
        }
        session = Session.getInstance(properties, authenticator);
        LOG.info(() -> "Email goes to " + smtpHost.get() + ":" + properties.get(prefix + "port") + " (" + mode + ")");
    }

    /** Whether an SMTP server is configured. */
    public boolean configured() {
        return session != null;
    }

    /** The mail session, or null when no SMTP server is configured. */
    public Session session() {
        return session;
    }

    public InternetAddress from() {
        return fromAddress;
    }

    /** Where people reach Orgbase, without a trailing slash: links in messages start here. */
    public String publicUrl() {
        return baseUrl;
    }

    /** The domain Message-IDs end with: the sender's. */
    public String messageIdDomain() {
        String address = fromAddress.getAddress();
        return address.substring(address.indexOf('@') + 1);
    }
}
