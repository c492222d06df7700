package io.orgbase.audit;

import io.orgbase.access.Caller;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.tenancy.Tenant;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The outermost boundary call of a transaction writes the transaction's audit buffer — entity
 * changes captured by the ORM and named actions — to the audit trail when it returns, in the same
 * transaction: what is rolled back leaves no entry, and no change commits without its entry. A
 * failure that keeps the transaction (a wrong password, counted) is written too.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 5)
public class AuditInterceptor {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AuditTrail trail;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object audit(InvocationContext invocation) throws Exception {
        AuditBuffer buffer = AuditBuffer.current();
        if (buffer == null) {
            return invocation.proceed();
        }
        boolean outermost = buffer.enter();
        if (outermost) {
            buffer.actAs(actorOf(invocation.getParameters()));
        }
        try {
            Object result = invocation.proceed();
            // a dry run has marked its transaction for rollback: nothing it did will be kept, and
            // WildFly refuses any further statement in such a transaction
            if (outermost && active()) {
                em.flush();
                trail.write(buffer);
            }
            return result;
        } catch (Exception failure) {
            if (outermost && keepsTransaction(failure) && active()) {
                em.flush();
                trail.write(buffer);
            }
            throw failure;
        } finally {
            buffer.leave();
        }
    }

    /** Whether the transaction will commit what is written now (not marked for rollback, not ended). */
    private boolean active() {
        return transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    static Actor actorOf(Object[] parameters) {
        if (parameters == null) {
            return Actor.ANONYMOUS;
        }
        for (Object parameter : parameters) {
            if (parameter instanceof Tenant tenant) {
                return actorOf(tenant.caller());
            }
            if (parameter instanceof Caller caller) {
                return actorOf(caller);
            }
        }
        return Actor.ANONYMOUS;
    }

    public static Actor actorOf(Caller caller) {
        return caller.isApiKey() ? Actor.apiKey(caller.apiKey().keyId()) : Actor.user(caller.userId(), caller.email());
    }

    /** An application exception declared not to roll back (the EJB rules: inherited annotations count). */
    static boolean keepsTransaction(Exception failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            ApplicationException declared = type.getAnnotation(ApplicationException.class);
            if (declared != null && (type == failure.getClass() || declared.inherited())) {
                return !declared.rollback();
            }
        }
        return false;
    }
}
