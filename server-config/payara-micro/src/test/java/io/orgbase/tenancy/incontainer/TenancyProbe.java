package io.orgbase.tenancy.incontainer;

import io.orgbase.access.Caller;
import io.orgbase.department.Department;
import io.orgbase.organization.Organization;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantResolution;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test-only boundary deployed with the application: each method is one transaction that does what
 * application code could do, through the application's own EntityManager and DataSource.
 */
@Stateless
public class TenancyProbe {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Resource(lookup = "java:app/jdbc/orgbase")
    DataSource dataSource;

    @Inject
    DatabaseSession session;

    @Inject
    TenantResolution resolution;

    public UUID newOrganization(String slug) {
        UUID id = io.orgbase.persistence.Ids.newId();
        session.enterTenant(id, null);
        em.persist(new Organization(id, slug, slug, slug.toUpperCase(java.util.Locale.ROOT), "company"));
        return id;
    }

    public UUID newDepartment(UUID orgId, String name) {
        session.enterTenant(orgId, null);
        Department department = new Department(name, "C-" + UUID.randomUUID());
        em.persist(department);
        em.flush();
        return department.getId();
    }

    public List<String> names(UUID orgId) {
        session.enterTenant(orgId, null);
        return em.createQuery("select d.name from Department d order by d.name", String.class)
                .getResultList();
    }

    public int renameAll(UUID orgId, String name) {
        session.enterTenant(orgId, null);
        return em.createQuery("update Department d set d.name = :name")
                .setParameter("name", name)
                .executeUpdate();
    }

    public int renameById(UUID orgId, UUID departmentId, String name) {
        session.enterTenant(orgId, null);
        return em.createQuery("update Department d set d.name = :name where d.id = :id")
                .setParameter("name", name)
                .setParameter("id", departmentId)
                .executeUpdate();
    }

    public int deleteAll(UUID orgId) {
        session.enterTenant(orgId, null);
        return em.createQuery("delete from Department d").executeUpdate();
    }

    public boolean finds(UUID orgId, UUID departmentId) {
        session.enterTenant(orgId, null);
        return em.find(Department.class, departmentId) != null;
    }

    /** JPQL with no tenant set: EclipseLink must refuse rather than read every tenant. */
    /**
     * Resolves {@code reference} for {@code caller} as a request's first boundary call does, then
     * counts the departments this transaction sees through its DataSource (row policies only).
     */
    public Resolved resolveAndCount(Caller caller, String reference) throws SQLException {
        Tenant.Resolution found = resolution.resolve(Tenant.of(caller, reference));
        return new Resolved(found, nativeCount(null, ""));
    }

    /** What {@link #resolveAndCount} found. */
    public record Resolved(Tenant.Resolution resolution, long departments) {}

    /** Changes the organization's name through the ORM: a change like any other of its row. */
    public void rename(UUID orgId, String name) {
        session.enterTenant(orgId, null);
        em.find(Organization.class, orgId).setName(name);
    }

    /** A user with this password hash; its id. */
    public UUID newUser(String email, String passwordHash) {
        io.orgbase.identity.User user = new io.orgbase.identity.User(email, email, passwordHash);
        em.persist(user);
        em.flush();
        return user.getId();
    }

    /**
     * Whether reading the user (as member lists do, by a query) loaded its password hash, and the
     * hash the getter answers afterwards.
     */
    public Object[] passwordHashOnRead(UUID userId) {
        io.orgbase.identity.User user = em.createQuery(
                        "select u from User u where u.id = :id", io.orgbase.identity.User.class)
                .setParameter("id", userId)
                .getSingleResult();
        boolean loaded = em.getEntityManagerFactory().getPersistenceUnitUtil().isLoaded(user, "passwordHash");
        return new Object[] {loaded, user.getPasswordHash()};
    }

    public List<String> namesWithoutTenant() {
        return em.createQuery("select d.name from Department d", String.class).getResultList();
    }

    /** Native SQL through the application's DataSource, in this transaction. */
    public long nativeCount(UUID orgIdOrNull, String where) throws SQLException {
        if (orgIdOrNull != null) {
            session.enterTenant(orgIdOrNull, null);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select count(*) from department " + where);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Native INSERT through the application's DataSource; returns the SQLState it failed with, or null. */
    public String nativeInsert(UUID orgIdOrNull, UUID rowOrgId) {
        if (orgIdOrNull != null) {
            session.enterTenant(orgIdOrNull, null);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into department (id, org_id, name, code, created_at, updated_at)"
                                + " values (?, ?, 'Planted', ?, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, rowOrgId);
            insert.setString(3, "P-" + UUID.randomUUID());
            insert.executeUpdate();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** Entering a second tenant in one transaction must fail. */
    public void switchTenant(UUID first, UUID second) {
        session.enterTenant(first, null);
        em.createQuery("select count(d) from Department d").getSingleResult();
        session.enterTenant(second, null);
    }

    /**
     * Runs a statement that sleeps, through the application's EntityManager; returns the SQLState
     * it failed with, or null when it ran to the end.
     */
    public String sleep(int seconds) {
        try {
            em.createNativeQuery("select 1 from pg_sleep(?1)")
                    .setParameter(1, seconds)
                    .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                    .getResultList();
            return null;
        } catch (jakarta.persistence.PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    return sql.getSQLState();
                }
            }
            throw e;
        }
    }
}
