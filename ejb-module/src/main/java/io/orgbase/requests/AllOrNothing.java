package io.orgbase.requests;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Function;

/**
 * One container-managed transaction around several boundary calls (an atomic bulk request): each
 * call joins it with its own tenant, permission checks and audit entries, as when it runs alone,
 * and everything commits together or not at all. Not a boundary of its own: it checks nothing and
 * records nothing; the calls inside do.
 */
@Stateless
public class AllOrNothing {

    @Resource
    SessionContext context;

    /** What the work sees of its transaction. */
    public interface Transaction {

        /** A call inside failed in a way that dooms the transaction (a system exception). */
        boolean doomed();

        /** Everything done so far is rolled back when the work returns. */
        void undo();
    }

    /**
     * Runs the work in a new transaction (the caller must not be in one), committed when it
     * returns unless it asked for {@link Transaction#undo()} or a call inside doomed it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T run(Function<Transaction, T> work) {
        return work.apply(new Transaction() {
            @Override
            public boolean doomed() {
                return context.getRollbackOnly();
            }

            @Override
            public void undo() {
                context.setRollbackOnly();
            }
        });
    }
}
