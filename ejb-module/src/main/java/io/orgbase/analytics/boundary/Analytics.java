package io.orgbase.analytics.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The organization's figures: members by role, department and team; headcount at the end of each
 * month (from membership history); members active in the last 30 days; departments without a head
 * and teams without a lead. Each is one SQL statement on indexed columns, inside the tenant (row
 * policies apply) and bounded: at most {@value #TOP} departments or teams per list.
 */
@Stateless
@Audited
@TenantScoped
public class Analytics {

    /** Most entries of a per-department or per-team list, and of a list of gaps. */
    public static final int TOP = 50;

    /** Longest headcount history, in months. */
    public static final int MAX_MONTHS = 60;

    public record Members(long total, long active, long suspended, long activeLast30Days) {}

    public record ByKey(String key, long members) {}

    public record ByUnit(UUID id, String name, long members) {}

    /** @param month as {@code 2026-11} */
    public record Month(String month, long headcount) {}

    public record Unit(UUID id, String name) {}

    public record Gaps(long count, List<Unit> first) {}

    public record Report(
            Members members,
            List<ByKey> byRole,
            List<ByUnit> byDepartment,
            long withoutDepartment,
            List<ByUnit> byTeam,
            List<Month> headcount,
            Gaps departmentsWithoutHead,
            Gaps teamsWithoutLead) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** @throws InvalidInput when {@code months} is outside 1..{@value #MAX_MONTHS} */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Report report(Tenant tenant, int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw InvalidInput.field("months", "must be between 1 and " + MAX_MONTHS);
        }
        UUID org = tenant.orgId();
        Object[] counts = (Object[]) query(
                        "select count(*), count(*) filter (where active), count(*) filter (where not active),"
                                + " count(*) filter (where active and last_active_at >= now() - interval '30 days')"
                                + " from membership where org_id = ?1",
                        org)
                .get(0);
        Members members = new Members(number(counts[0]), number(counts[1]), number(counts[2]), number(counts[3]));
        List<ByKey> byRole = query(
                        "select role, count(*) from membership where org_id = ?1 and active"
                                + " group by role order by count(*) desc, role",
                        org)
                .stream()
                .map(r -> new ByKey((String) r[0], number(r[1])))
                .toList();
        List<ByUnit> byDepartment = query(
                        "select d.id, d.name, count(*) from membership m join department d"
                                + " on d.org_id = m.org_id and d.id = m.department_id"
                                + " where m.org_id = ?1 and m.active group by d.id, d.name"
                                + " order by count(*) desc, d.name limit " + TOP,
                        org)
                .stream()
                .map(r -> new ByUnit((UUID) r[0], (String) r[1], number(r[2])))
                .toList();
        long withoutDepartment = number(
                query("select count(*) from membership where org_id = ?1 and active and department_id is null", org)
                        .get(0));
        List<ByUnit> byTeam = query(
                        "select t.id, t.name, count(*) from team_member tm join team t"
                                + " on t.org_id = tm.org_id and t.id = tm.team_id"
                                + " join membership m on m.org_id = tm.org_id and m.user_id = tm.user_id"
                                + " where tm.org_id = ?1 and m.active group by t.id, t.name"
                                + " order by count(*) desc, t.name limit " + TOP,
                        org)
                .stream()
                .map(r -> new ByUnit((UUID) r[0], (String) r[1], number(r[2])))
                .toList();
        List<Month> headcount = query(
                        "select to_char(m.month, 'YYYY-MM'), count(p.id) from generate_series("
                                + " date_trunc('month', now()) - make_interval(months => ?2 - 1),"
                                + " date_trunc('month', now()), interval '1 month') m (month)"
                                + " left join membership_period p on p.org_id = ?1"
                                + " and p.joined_at < least(m.month + interval '1 month', now())"
                                + " and (p.left_at is null or p.left_at >= least(m.month + interval '1 month', now()))"
                                + " group by m.month order by m.month",
                        org,
                        months)
                .stream()
                .map(r -> new Month((String) r[0], number(r[1])))
                .toList();
        Gaps withoutHead = gaps(
                "select count(*) from department where org_id = ?1 and head_id is null",
                "select id, name from department where org_id = ?1 and head_id is null order by name, id limit " + TOP,
                org);
        String leaderless = " from team t where t.org_id = ?1 and not exists (select 1 from team_member tm"
                + " where tm.org_id = t.org_id and tm.team_id = t.id and tm.role = 'lead')";
        Gaps withoutLead = gaps(
                "select count(*)" + leaderless,
                "select t.id, t.name" + leaderless + " order by t.name, t.id limit " + TOP,
                org);
        return new Report(
                members, byRole, byDepartment, withoutDepartment, byTeam, headcount, withoutHead, withoutLead);
    }

    private Gaps gaps(String count, String first, UUID org) {
        return new Gaps(
                number(query(count, org).get(0)),
                query(first, org).stream()
                        .map(r -> new Unit((UUID) r[0], (String) r[1]))
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> query(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql).setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<?> rows = query.getResultList();
        return rows.stream()
                .map(row -> row instanceof Object[] columns ? columns : new Object[] {row})
                .toList();
    }

    private static long number(Object value) {
        return value instanceof Object[] row ? ((Number) row[0]).longValue() : ((Number) value).longValue();
    }
}
