package io.orgbase.tree;

import io.orgbase.collections.CollectionQueries;
import io.orgbase.persistence.TreeNode;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Moves, cycles, depth and subtree ranges for every tenant tree ({@link Tree}, tables declared with
 * {@code tree_declare}): checked here first, so that a client hears which field is wrong, with the
 * database's triggers as the backstop. Runs in the caller's transaction and tenant.
 */
@Dependent
public class Trees {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * Queues on the tree's lock in the tenant, which the triggers take too: inserts under a parent
     * and moves in one organization run one at a time, each seeing the paths the last one left.
     */
    public void lock(Tree<?> tree, Tenant tenant) {
        session.lock(tree.table() + "-tree:" + tenant.orgId());
    }

    /**
     * Puts a new row under its parent (none: at the top).
     *
     * @throws InvalidInput ({@code parentId}) when the parent is not in the tenant's tree, or the
     *     tree would grow too deep
     */
    public <E extends TreeNode> void placeNew(Tree<E> tree, Tenant tenant, E node, UUID parentId) {
        if (parentId == null) {
            return;
        }
        lock(tree, tenant);
        if (parent(tree, parentId).getDepth() >= TreeNode.MAX_DEPTH) {
            throw tooDeep();
        }
        node.setParentId(parentId);
    }

    /**
     * Before a move is checked: the lock, and the row as it is under it (a move decided on stale
     * paths could close a cycle).
     */
    public void prepareMove(Tree<?> tree, Tenant tenant, TreeNode node) {
        lock(tree, tenant);
        em.refresh(node);
    }

    /**
     * After {@link #prepareMove}: gives the row another parent (none: the top); its subtree follows
     * when the change is flushed.
     *
     * @throws InvalidInput ({@code parentId}) when the parent is not in the tenant's tree, is the row
     *     itself or below it, or the tree would grow too deep
     */
    public <E extends TreeNode> void move(Tree<E> tree, E node, UUID parentId) {
        if (parentId == null) {
            node.setParentId(null);
            return;
        }
        E parent = parent(tree, parentId);
        if (parent.getPath().startsWith(node.getPath())) {
            throw InvalidInput.field("parentId", "would make the " + tree.noun() + " its own ancestor");
        }
        Integer deepest = em.createQuery(
                        "select max(n.depth) from " + entity(tree) + " n where n.path >= :from and n.path < :to",
                        Integer.class)
                .setParameter("from", node.getPath())
                .setParameter("to", node.subtreeEnd())
                .getSingleResult();
        int height = deepest - node.getDepth() + 1;
        if (parent.getDepth() + height > TreeNode.MAX_DEPTH) {
            throw tooDeep();
        }
        node.setParentId(parentId);
    }

    /** Everything below the row, at any depth: one range of the path index. */
    public <E extends TreeNode> CollectionQueries.Scope<E> below(E top) {
        return (cb, n) ->
                cb.and(cb.greaterThan(n.get("path"), top.getPath()), cb.lessThan(n.get("path"), top.subtreeEnd()));
    }

    /** The rows above, the top first. */
    public <E extends TreeNode> List<E> ancestors(Tree<E> tree, E node) {
        List<UUID> ids = node.ancestorIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select n from " + entity(tree) + " n where n.id in :ids", tree.type())
                .setParameter("ids", ids)
                .getResultStream()
                .sorted(Comparator.comparingInt(TreeNode::getDepth))
                .toList();
    }

    /** How many rows sit directly below this one. */
    public long children(Tree<?> tree, UUID id) {
        return em.createQuery("select count(n) from " + entity(tree) + " n where n.parentId = :id", Long.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    private <E extends TreeNode> E parent(Tree<E> tree, UUID parentId) {
        E parent = em.find(tree.type(), parentId);
        if (parent == null) {
            throw InvalidInput.field("parentId", "no such " + tree.noun() + " in this organization");
        }
        return parent;
    }

    private static String entity(Tree<?> tree) {
        return tree.type().getSimpleName();
    }

    private static InvalidInput tooDeep() {
        return InvalidInput.field("parentId", "would make the tree deeper than " + TreeNode.MAX_DEPTH + " levels");
    }
}
