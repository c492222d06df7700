package io.orgbase.notification.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.testing.RealDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job's period is claimed by one cluster member, and taken over only from one that stopped. */
@ExtendWith(RealDatabase.class)
class JobClaimTest {

    private static boolean claim(Connection db, String job, String period, String member, int leaseSeconds)
            throws SQLException {
        try (PreparedStatement claim = db.prepareStatement(DigestSteps.CLAIM.replaceAll("\\?\\d", "?"))) {
            claim.setString(1, job);
            claim.setString(2, period);
            claim.setString(3, member);
            claim.setInt(4, leaseSeconds);
            try (ResultSet won = claim.executeQuery()) {
                return won.next();
            }
        }
    }

    @Test
    void ofManyMembersClaimingAtOnceExactlyOneWins() throws Exception {
        String job = "digest-test-" + UUID.randomUUID();
        int members = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                String member = "member-" + i;
                Callable<Boolean> attempt = () -> {
                    try (Connection db = RealDatabase.superuser()) {
                        start.await();
                        return claim(db, job, "2026-12-03", member, 600);
                    }
                };
                claims.add(pool.submit(attempt));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunWhoseLeaseRanOutIsTakenOverAndAFinishedOneNever() throws SQLException {
        String job = "digest-test-" + UUID.randomUUID();
        try (Connection db = RealDatabase.superuser()) {
            assertThat(claim(db, job, "p1", "a", 600)).isTrue();
            assertThat(claim(db, job, "p1", "b", 600)).as("held by a").isFalse();
            db.createStatement()
                    .execute("update job_run set lease_until = now() - interval '1 second' where job = '" + job + "'");
            assertThat(claim(db, job, "p1", "b", 600)).as("a stopped renewing").isTrue();
            db.createStatement()
                    .execute("update job_run set finished_at = now(), lease_until = now() - interval '1 second'"
                            + " where job = '" + job + "'");
            assertThat(claim(db, job, "p1", "c", 600)).as("finished").isFalse();
            assertThat(claim(db, job, "p2", "c", 600)).as("another period").isTrue();
        }
    }
}
