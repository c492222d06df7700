package io.orgbase.organization.control;

import io.orgbase.organization.Organization;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The hierarchy of organizations (holdings and subsidiaries). Organization rows are readable in
 * every transaction, so walking the tree needs no tenant. Hierarchies are shallow and small; the
 * walks are bounded all the same.
 */
@Dependent
public class OrganizationTree {

    /** Deepest hierarchy accepted (a holding of holdings of ... ). */
    public static final int MAX_DEPTH = 20;

    /** Most organizations below one organization that a descendants list covers. */
    public static final int MAX_SUBTREE = 10_000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * Serializes every change of parent across the platform for the rest of the transaction, so two
     * concurrent moves cannot together form a cycle (each checks against the other's committed tree).
     */
    public void lock() {
        session.lock("organization-tree");
    }

    /**
     * @throws InvalidInput when {@code newParent} is the organization itself or below it, or when
     *     the hierarchy would get deeper than {@link #MAX_DEPTH}
     */
    public void requireAcyclic(UUID id, UUID newParent) {
        int depthAbove = 0;
        Set<UUID> seen = new HashSet<>();
        for (UUID current = newParent; current != null; depthAbove++) {
            if (current.equals(id) || !seen.add(current)) {
                throw InvalidInput.field("parentId", "would make the organization its own ancestor");
            }
            Organization ancestor = em.find(Organization.class, current);
            current = ancestor == null ? null : ancestor.getParentId();
        }
        if (depthAbove + height(id) > MAX_DEPTH) {
            throw InvalidInput.field("parentId", "would make the hierarchy deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** The ancestors of an organization, the top of the hierarchy first. */
    public List<Organization> ancestors(UUID id) {
        List<Organization> path = new ArrayList<>();
        Organization current = em.find(Organization.class, id);
        Set<UUID> seen = new HashSet<>();
        while (current != null && current.getParentId() != null && seen.add(current.getId())) {
            current = em.find(Organization.class, current.getParentId());
            if (current != null) {
                path.add(0, current);
            }
        }
        return path;
    }

    /**
     * The organizations below {@code id} with their depth (1: a child), at most {@link #MAX_SUBTREE}
     * of them (the nearest first).
     */
    public Map<UUID, Integer> descendants(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with recursive below(id, depth) as ("
                        + " select o.id, 1 from organization o where o.parent_id = ?1"
                        + " union all"
                        + " select o.id, b.depth + 1 from organization o join below b on o.parent_id = b.id"
                        + " where b.depth < ?2)"
                        + " select id, depth from below order by depth limit ?3")
                .setParameter(1, id)
                .setParameter(2, MAX_DEPTH)
                .setParameter(3, MAX_SUBTREE)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Map<UUID, Integer> depths = new LinkedHashMap<>();
        for (Object[] row : rows) {
            UUID child = row[0] instanceof UUID uuid ? uuid : UUID.fromString(row[0].toString());
            depths.put(child, ((Number) row[1]).intValue());
        }
        return depths;
    }

    /** Levels below the organization (0 without subsidiaries). */
    private int height(UUID id) {
        return descendants(id).values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
    }
}
