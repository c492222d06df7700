package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Mail survives what goes wrong around it: a change that rolls back sends nothing, and an SMTP
 * server that is away for a minute gets every message once it is back — none lost, none twice.
 */
class MailOutageIT {

    private static final Mailbox MAILBOX = Mailbox.get();

    private static String invitation(String email) {
        return "{\"op\":\"create\",\"body\":{\"email\":\"" + email + "\",\"role\":\"member\"}}";
    }

    @Test
    void aRolledBackChangeSendsNothing() throws InterruptedException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String first = "first-" + Secrets.suffix() + "@outage.example";
        String control = "control-" + Secrets.suffix() + "@outage.example";
        // the second invitation (the same address again) fails, so the first is rolled back with it
        JsonObject failed = owner.api()
                .post(
                        org.path() + "/invitations/bulk",
                        "{\"atomic\":true,\"operations\":[" + invitation(first) + "," + invitation(first) + "]}")
                .json();
        assertThat(failed.getBoolean("committed")).isFalse();
        // a committed invitation after it: once its mail is here, the rolled-back one would be too
        assertThat(owner.in(org)
                        .invitations()
                        .create(json("email", control, "role", "member"))
                        .status())
                .isEqualTo(201);
        MAILBOX.await(control, "invites you to");
        Thread.sleep(1000);
        assertThat(MAILBOX.to(first)).isEmpty();
    }

    @Test
    void whenTheSmtpServerIsAwayForAMinuteEveryMessageArrivesOnceAfterwards() throws InterruptedException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        List<String> addresses = new ArrayList<>();
        MAILBOX.stop();
        try {
            for (int i = 0; i < 20; i++) {
                String email = "outage-" + i + "-" + Secrets.suffix() + "@outage.example";
                addresses.add(email);
                assertThat(owner.in(org)
                                .invitations()
                                .create(json("email", email, "role", "member"))
                                .status())
                        .isEqualTo(201);
            }
            Thread.sleep(Duration.ofSeconds(60).toMillis());
        } finally {
            MAILBOX.start();
        }
        // retries wait at most 4 s here (ORGBASE_MAIL_MAX_RETRY_DELAY)
        Eventually.get(
                "every message after the outage",
                Duration.ofSeconds(60),
                () -> addresses.stream().allMatch(a -> !MAILBOX.to(a).isEmpty())
                        ? Optional.of(true)
                        : Optional.empty());
        // what arrived, arrived once; and nothing comes a second time later
        Thread.sleep(Duration.ofSeconds(6).toMillis());
        Map<String, Long> counts = addresses.stream().collect(Collectors.toMap(Function.identity(), a ->
                (long) MAILBOX.to(a).size()));
        assertThat(counts)
                .allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1L));
    }
}
