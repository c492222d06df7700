package io.orgbase.audit;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the current JTA transaction changed and did, until the outermost boundary call writes it to
 * the audit trail. Kept as a resource of the transaction, so it can never leak into another one.
 */
public final class AuditBuffer {

    private static final Object KEY = AuditBuffer.class;
    private static volatile TransactionSynchronizationRegistry registry;

    private final List<AuditEntry> entries = new ArrayList<>();
    private Actor actor = Actor.ANONYMOUS;
    private int depth;

    private AuditBuffer() {}

    /** The buffer of the current transaction; null outside a transaction. */
    public static AuditBuffer current() {
        TransactionSynchronizationRegistry transactions = registry();
        if (transactions == null
                || transactions.getTransactionKey() == null
                || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        AuditBuffer buffer = (AuditBuffer) transactions.getResource(KEY);
        if (buffer == null) {
            buffer = new AuditBuffer();
            transactions.putResource(KEY, buffer);
        }
        return buffer;
    }

    private static TransactionSynchronizationRegistry registry() {
        if (registry == null) {
            try {
                registry = (TransactionSynchronizationRegistry)
                        new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException outsideTheServer) {
                return null;
            }
        }
        return registry;
    }

    /** The id stamped into {@code createdBy}/{@code updatedBy}: the acting user or API key. */
    public static UUID currentActorId() {
        AuditBuffer buffer = current();
        return buffer == null ? null : buffer.actor.id();
    }

    public void add(AuditEntry entry) {
        entries.add(entry);
    }

    /** Takes everything recorded so far, leaving the buffer empty. */
    public List<AuditEntry> drain() {
        List<AuditEntry> drained = List.copyOf(entries);
        entries.clear();
        return drained;
    }

    public Actor actor() {
        return actor;
    }

    public void actAs(Actor actor) {
        this.actor = actor;
    }

    /** Enters a boundary call; true for the outermost call of the transaction. */
    public boolean enter() {
        return depth++ == 0;
    }

    public void leave() {
        depth--;
    }
}
