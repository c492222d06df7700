package io.orgbase.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work that must wait until the current transaction has committed (waking a sender, telling open
 * streams): registered once per transaction and key, and dropped when the transaction rolls back.
 */
@Dependent
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} once after the commit, however often this transaction asks under {@code key}. */
    public void once(Object key, Runnable action) {
        gather(key, () -> Boolean.TRUE, ignored -> action.run());
    }

    /**
     * The transaction's value under {@code key}, made by {@code create} on first use; {@code onCommit}
     * receives it after the commit (so callers may add to it until then).
     */
    public <T> T gather(Object key, Supplier<T> create, Consumer<T> onCommit) {
        @SuppressWarnings("unchecked")
        T existing = (T) transactions.getResource(key);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        transactions.putResource(key, created);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    onCommit.accept(created);
                }
            }
        });
        return created;
    }
}
