package io.orgbase.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgbase.department.Department;
import io.orgbase.department.boundary.Departments;
import io.orgbase.identity.User;
import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.organization.Membership;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.team.TeamMember;
import io.orgbase.tenancy.Tenancy;
import io.orgbase.testing.RealDatabase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.FetchGroupManager;
import org.eclipse.persistence.internal.queries.EntityFetchGroup;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.queries.FetchGroup;
import org.eclipse.persistence.queries.FetchGroupTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The collection engine against a real PostgreSQL with Orgbase's schema (no server): keyset paging,
 * orders and their ties, cursors, filters, search and counts, and that another organization's rows
 * never appear. Departments stand for every collection.
 */
@ExtendWith(RealDatabase.class)
class CollectionQueriesTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    /** How the fixture's member's address starts. */
    private static final String MEMBER_EMAIL_START = "member-";

    private EntityManager em;
    private CollectionQueries queries;

    @BeforeAll
    static void rows() throws Exception {
        try (Connection c = RealDatabase.superuser();
                Statement s = c.createStatement()) {
            for (UUID org : List.of(ORG, OTHER)) {
                s.execute("insert into organization (id, slug, name, code, type, created_at, updated_at) values ('"
                        + org + "', 'o-" + org.toString().substring(0, 8) + "', 'Org', '"
                        + org.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT)
                        + "', 'company', now(), now())");
            }
            // 25 departments here, the names repeating (ties), and a few with LIKE's metacharacters
            for (int i = 0; i < 25; i++) {
                department(c, ORG, "Unit " + (i % 5), "U" + i);
            }
            department(c, ORG, "100% Sales", "P1");
            department(c, ORG, "Under_score", "P2");
            department(c, OTHER, "Unit 0", "X1");
            department(c, OTHER, "Theirs 100%", "X2");
            UUID user = UUID.randomUUID();
            s.execute("insert into app_user (id, email, display_name, password_hash, created_at, updated_at) values ('"
                    + user + "', 'member-" + user + "@example.org', 'A member', 'the-hash', now(), now())");
            s.execute("insert into membership (id, org_id, user_id, role, created_at, updated_at) values ('"
                    + UUID.randomUUID() + "', '" + ORG + "', '" + user + "', 'member', now(), now())");
            UUID team = UUID.randomUUID();
            s.execute("insert into team (id, org_id, name, created_at, updated_at) values ('" + team + "', '" + ORG
                    + "', 'A team', now(), now())");
            s.execute("insert into team_member (id, org_id, team_id, user_id, role, created_at, updated_at) values ('"
                    + UUID.randomUUID() + "', '" + ORG + "', '" + team + "', '" + user + "', 'member', now(), now())");
        }
    }

    private static void department(Connection c, UUID org, String name, String code) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into department (id, org_id, name, code,"
                + " created_at, updated_at) values (?, ?, ?, ?, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org);
            insert.setString(3, name);
            insert.setString(4, code);
            insert.executeUpdate();
        }
    }

    @BeforeEach
    void enterTheOrganization() {
        em = RealDatabase.persistenceUnit().createEntityManager(Map.of(Tenancy.TENANT_PROPERTY, ORG.toString()));
        em.getTransaction().begin();
        // the database's tenant too, as the server sets it (DatabaseSession): the search index's
        // function keeps to it
        em.createNativeQuery("select set_config('orgbase.org_id', ?1, true)")
                .setParameter(1, ORG.toString())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        queries = new CollectionQueries();
        queries.em = em;
    }

    @AfterEach
    void leave() {
        em.getTransaction().rollback();
        em.close();
    }

    private static CollectionRequest request(int limit, String cursor, List<Sort> sort) {
        return new CollectionRequest(limit, cursor, sort, null, Map.of(), null, false);
    }

    private List<Department> all(List<Sort> sort, int limit) {
        List<Department> seen = new ArrayList<>();
        String cursor = null;
        do {
            Slice<Department> page = queries.page(Departments.COLLECTION, request(limit, cursor, sort));
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    void pagesVisitEveryRowOnceInOrderAndNoForeignOne() {
        for (List<Sort> sort :
                List.of(List.<Sort>of(), List.of(new Sort("name", true)), List.of(new Sort("code", false)))) {
            List<Department> seen = all(sort, 4);
            assertThat(seen).as("%s", sort).hasSize(27);
            assertThat(seen.stream().map(Department::getId).distinct()).hasSize(27);
            assertThat(seen).extracting(Department::getCode).doesNotContain("X1", "X2");
        }
        List<String> byName =
                all(List.of(), 7).stream().map(Department::getName).toList();
        assertThat(byName).isSortedAccordingTo(String::compareTo);
        List<String> byNameDescending = all(List.of(new Sort("name", true)), 5).stream()
                .map(Department::getName)
                .toList();
        assertThat(byNameDescending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /**
     * A page is planned for its organization's actual size: PostgreSQL never switches the prepared
     * list and count statements to the generic plan it would otherwise settle on after a few runs
     * (costed for the average organization, it is wrong for a large one among many small ones).
     * The setting ends with the transaction, so item reads on the pooled connection keep their
     * cached plans.
     */
    @Test
    void pagesArePlannedForTheirOrganizationNotTheAverageOne() {
        for (int run = 0; run < 15; run++) {
            queries.page(Departments.COLLECTION, new CollectionRequest(5, null, List.of(), null, Map.of(), null, true));
            // a search the index names the rows of, in another order: its list must be folded into
            // the plan, which a generic plan cannot do
            queries.page(
                    Departments.COLLECTION,
                    new CollectionRequest(5, null, List.of(new Sort("name", true)), null, Map.of(), "unit", true));
        }
        Object[] listed = (Object[]) em.createNativeQuery("select coalesce(sum(generic_plans), 0),"
                        + " coalesce(sum(custom_plans), 0) from pg_prepared_statements"
                        + " where statement like '%orgbase_listed%'")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        assertThat(((Number) listed[0]).longValue())
                .as("generic plans of searches")
                .isZero();
        assertThat(((Number) listed[1]).longValue())
                .as("custom plans of searches")
                .isGreaterThanOrEqualTo(10);
        Object[] plans = (Object[]) em.createNativeQuery("select coalesce(sum(generic_plans), 0),"
                        + " coalesce(sum(custom_plans), 0), current_setting('plan_cache_mode')"
                        + " from pg_prepared_statements where statement like 'SELECT%FROM department%'")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        assertThat(((Number) plans[0]).longValue()).as("generic plans").isZero();
        assertThat(((Number) plans[1]).longValue()).as("custom plans").isGreaterThanOrEqualTo(10);
        assertThat(plans[2]).isEqualTo("force_custom_plan");
        em.getTransaction().commit();
        em.getTransaction().begin();
        assertThat(em.createNativeQuery("select current_setting('plan_cache_mode')")
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .as("the next transaction")
                .isEqualTo("auto");
    }

    /**
     * The search index is asked once per search: merged into the outer query, the subquery had the
     * function called once for each use of its result.
     */
    @Test
    void theSearchIndexIsAskedOncePerSearch() {
        String plan = RealDatabase.plan(em, CollectionQueries.MATCHES, "department", "%unit%", 2000);
        assertThat(plan.split("orgbase_search_ids\\(", -1)).as(plan).hasSize(2);
    }

    /**
     * The ids the search index named reach the page query as one value (V52), which PostgreSQL
     * plans, as the application role under the row policies, exactly as the list of bound ids it
     * replaced: the function inlined, its list a constant array.
     */
    @Test
    void idsNamedByTheSearchIndexAreOneValueLookedUpByKey() {
        em.createNativeQuery("SET LOCAL ROLE " + EmbeddedDatabase.APP)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        em.createNativeQuery("SET LOCAL enable_seqscan = off")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        // as EclipseLink sends it (the function's answer compared with a bound TRUE), and as an IN
        // list of the same ids, which PostgreSQL also plans as "= ANY" of a constant array
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        String listed = RealDatabase.plan(
                em, "SELECT d.id FROM department d WHERE orgbase_listed(d.id, ?1) = ?2", one + "," + two, true);
        String in = RealDatabase.plan(em, "SELECT d.id FROM department d WHERE d.id IN (?1, ?2)", one, two);
        assertThat(listed).as(listed).doesNotContain("orgbase_listed").contains("= ANY ('{" + one + "," + two + "}'");
        assertThat(listed).isEqualTo(in);
    }

    /**
     * Once the search index has named rows, the page and its count are planned as reads of cached
     * pages (joins probe by key, not hash a whole table), never less cheaply than an administrator
     * set it, and the setting is put back after them; when the index names nothing, or the term is
     * matched on the table, it is left alone.
     */
    @Test
    void rowsNamedByTheSearchIndexAreJoinedByKey() {
        CollectionQueries.Matches found = queries.matches(Departments.COLLECTION, "%unit 4%");
        assertThat(found.ids()).hasSize(5);
        assertThat(randomPageCost()).isEqualTo("1.1");
        found.restore(em);
        assertThat(randomPageCost()).isEqualTo("4");

        setRandomPageCost("1");
        queries.matches(Departments.COLLECTION, "%unit 4%").restore(em);
        assertThat(randomPageCost()).as("an administrator's lower value").isEqualTo("1");
        setRandomPageCost("4");

        CollectionQueries.Matches none = queries.matches(Departments.COLLECTION, "%nothing like it%");
        assertThat(none.ids()).isEmpty();
        assertThat(randomPageCost()).as("no ids").isEqualTo("4");

        for (String query : new String[] {"unit 4", "un", "nothing like it", null}) {
            queries.page(
                    Departments.COLLECTION,
                    new CollectionRequest(3, null, List.of(new Sort("name", true)), null, Map.of(), query, true));
            assertThat(randomPageCost()).as("after a page searching %s", query).isEqualTo("4");
        }
    }

    private void setRandomPageCost(String value) {
        em.createNativeQuery("select set_config('random_page_cost', ?1, true)")
                .setParameter(1, value)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    private String randomPageCost() {
        return (String) em.createNativeQuery("select current_setting('random_page_cost')")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /**
     * A member comes with their account in one join, and the account without its password hash (a
     * lazy attribute EclipseLink would otherwise select with a joined entity); the hash is still
     * read when it is used.
     */
    @Test
    void membersComeWithTheirAccountsButNotTheirPasswordHashes() {
        Slice<Membership> page = queries.page(
                Memberships.COLLECTION, new CollectionRequest(50, null, List.of(), null, Map.of(), null, false));
        assertThat(page.items()).hasSize(1);
        User user = page.items().get(0).getUser();
        assertThat(user.getDisplayName()).isEqualTo("A member");
        assertThat(((FetchGroupTracker) user)._persistence_isAttributeFetched("email"))
                .isTrue();
        assertThat(((FetchGroupTracker) user)._persistence_isAttributeFetched("passwordHash"))
                .as("password hash read with the page")
                .isFalse();
        assertThat(user.getPasswordHash()).isEqualTo("the-hash");
        assertThat(em.find(Membership.class, page.items().get(0).getId()).getRole())
                .isNotNull();
        // a team's members likewise (a tenant-owned entity, its discriminator not among its
        // attributes), read afresh: the account above is in this persistence context, hash and all
        em.clear();
        List<TeamMember> members =
                em.createQuery("select m from TeamMember m", TeamMember.class).getResultList();
        assertThat(members).hasSize(1);
        assertThat(((FetchGroupTracker) members.get(0).getUser())._persistence_isAttributeFetched("passwordHash"))
                .isFalse();
        assertThat(members.get(0).getUser().getDisplayName()).isEqualTo("A member");
        assertThat(members.get(0).getRole()).isEqualTo(TeamMember.TeamRole.MEMBER);
    }

    /**
     * The membership's default group names every attribute of its own (only the joined account is
     * lean): "all of them" is worked out once, not again for every row read.
     */
    @Test
    void aGroupOfEveryAttributeIsWorkedOutOnce() {
        ClassDescriptor descriptor =
                em.unwrap(JpaEntityManager.class).getServerSession().getDescriptor(Membership.class);
        FetchGroupManager manager = descriptor.getFetchGroupManager();
        FetchGroup group = manager.getDefaultFetchGroup();
        assertThat(manager.getEntityFetchGroup(group))
                .as("every attribute: no group on the object")
                .isNull();
        AtomicInteger worked = new AtomicInteger();
        FetchGroupManager counting = new FetchGroupManager() {
            @Override
            public EntityFetchGroup getEntityFetchGroup(Set<String> attributeNames) {
                worked.incrementAndGet();
                return manager.getEntityFetchGroup(attributeNames);
            }
        };
        for (int row = 0; row < 3; row++) {
            assertThat(group.getEntityFetchGroup(counting)).isNull();
        }
        assertThat(worked).as("lists of attributes built").hasValue(1);
    }

    /** Ties are broken by id, so a page boundary inside a run of equal names loses and repeats nothing. */
    @Test
    void tiesAreBrokenByTheId() {
        List<Department> units = all(List.of(new Sort("name", false)), 2).stream()
                .filter(d -> d.getName().equals("Unit 3"))
                .toList();
        assertThat(units).hasSize(5);
        // PostgreSQL orders UUIDs byte by byte (their text's order), not as Java's signed halves
        assertThat(units).extracting(d -> d.getId().toString()).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void aCursorIsKeptToItsOrderAndCannotBeForged() {
        String next = queries.page(Departments.COLLECTION, request(3, null, List.of()))
                .nextCursor();
        assertThat(refused(request(3, next, List.of(new Sort("code", false))))).containsExactly("cursor");
        assertThat(refused(request(3, "bm9wZQ", List.of()))).containsExactly("cursor");
        assertThat(refused(request(3, next.substring(0, next.length() - 4), List.of())))
                .containsExactly("cursor");
    }

    @Test
    void everyMistakeInAFilterIsNamedAtOnce() {
        Condition filter = new Condition.All(List.of(
                new Condition.Test("colour", "eq", "red"),
                new Condition.Test("depth", "startswith", "1"),
                new Condition.Test("createdAt", "gt", "yesterday"),
                new Condition.Test("name", "eq", "Unit 1")));
        List<String> names = refused(
                new CollectionRequest(10, null, List.of(new Sort("colour", false)), filter, Map.of(), null, false));
        assertThat(names).contains("sort", "filter");
        assertThat(names.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void filtersSearchAndCounts() {
        Condition units = new Condition.Any(
                List.of(new Condition.Test("name", "eq", "Unit 1"), new Condition.Test("name", "eq", "Unit 2")));
        Slice<Department> filtered = queries.page(
                Departments.COLLECTION, new CollectionRequest(50, null, List.of(), units, Map.of(), null, true));
        assertThat(filtered.items()).hasSize(10);
        assertThat(filtered.total()).isEqualTo(10L);

        // the search is case-blind and takes '%' and '_' as themselves, not as patterns
        assertThat(search("100%")).containsExactly("100% Sales");
        assertThat(search("R_S")).containsExactly("Under_score");
        assertThat(search("%")).containsExactly("100% Sales");
        assertThat(search("unit 4")).hasSize(5);
    }

    /**
     * Departments are searched through the search index (V50): the same substring match over name,
     * code and description as on the table, kept in step with changes in the same transaction, and
     * never finding another organization's rows.
     */
    @Test
    void theSearchIndexMatchesLikeTheTableAndFollowsChanges() {
        assertThat(Departments.COLLECTION.searchIndex()).isEqualTo("department");
        assertThat(CollectionQueries.indexedSearch(Departments.COLLECTION, searching("Nit 3")))
                .isEqualTo("%nit 3%");
        assertThat(CollectionQueries.indexedSearch(Departments.COLLECTION, searching("u_")))
                .as("too short")
                .isNull();
        assertThat(CollectionQueries.indexedSearch(Departments.COLLECTION, searching("a-b.c")))
                .as("no three letters or digits in a row: no trigram")
                .isNull();
        assertThat(queries.matches(Departments.COLLECTION, "%nit 3%").ids()).hasSize(5);
        assertThat(search("nit 3")).hasSize(5); // inside a word
        assertThat(search("u17")).containsExactly("Unit 2"); // the code
        assertThat(search("theirs")).isEmpty(); // another organization's name
        assertThat(search("x2")).isEmpty(); // another organization's code

        Department renamed = em.createQuery("select d from Department d where d.code = 'P2'", Department.class)
                .getSingleResult();
        renamed.setName("Quartermaster");
        renamed.setDescription("Keeps the zeppelins");
        em.flush();
        assertThat(search("termas")).containsExactly("Quartermaster");
        assertThat(search("zeppelin")).containsExactly("Quartermaster");
        assertThat(search("under_")).isEmpty();

        em.remove(renamed);
        em.flush();
        assertThat(search("termas")).isEmpty();
    }

    /**
     * A search in the index's order (a department's name, ascending) with nothing else asked is a
     * page of the index (V51): the same rows in the same order, page for page and tie for tie, as
     * the query on the table gives, the count included; anything more goes to the table.
     */
    @Test
    void aSearchInTheIndexOrderIsReadAPageAtATimeFromTheIndex() {
        CollectionRequest plain = searching("unit");
        List<Sort> byName = List.of(new Sort("name", false));
        assertThat(CollectionQueries.orderedSearch(Departments.COLLECTION, plain, null, byName))
                .isEqualTo("%unit%");
        assertThat(CollectionQueries.orderedSearch(
                        Departments.COLLECTION, plain, CollectionQueries.Scope.tenant("orgId", ORG), byName))
                .as("the tenant's rows are all the index holds")
                .isEqualTo("%unit%");
        assertThat(CollectionQueries.<Department>orderedSearch(
                        Departments.COLLECTION, plain, (cb, d) -> cb.equal(d.get("code"), "U1"), byName))
                .as("another scope")
                .isNull();
        assertThat(CollectionQueries.orderedSearch(
                        Departments.COLLECTION, plain, null, List.of(new Sort("name", true))))
                .as("descending")
                .isNull();
        assertThat(CollectionQueries.orderedSearch(
                        Departments.COLLECTION,
                        new CollectionRequest(
                                50,
                                null,
                                List.of(),
                                null,
                                Map.of("parentId", List.of(UUID.randomUUID().toString())),
                                "unit",
                                false),
                        null,
                        byName))
                .as("filtered")
                .isNull();
        assertThat(CollectionQueries.orderedSearch(
                        Memberships.COLLECTION, searching("member"), null, List.of(new Sort("email", false))))
                .isEqualTo("%member%");

        // the same pages from the index as from the table (a filter that holds for every row sends
        // the second walk to the table), 25 matches with runs of equal names across page boundaries
        Condition everyRow = new Condition.Not(new Condition.Test("name", "eq", "no such name"));
        for (int limit : List.of(1, 4, 25, 50)) {
            List<UUID> fromIndex = new ArrayList<>();
            List<UUID> fromTable = new ArrayList<>();
            String cursor = null;
            Long total;
            do {
                Slice<Department> page = queries.page(
                        Departments.COLLECTION,
                        new CollectionRequest(limit, cursor, List.of(), null, Map.of(), "UNIT", true));
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                page.items().forEach(d -> fromIndex.add(d.getId()));
                cursor = page.nextCursor();
                total = page.total();
            } while (cursor != null);
            assertThat(total).isEqualTo(25L);
            do {
                Slice<Department> page = queries.page(
                        Departments.COLLECTION,
                        new CollectionRequest(limit, cursor, List.of(), everyRow, Map.of(), "UNIT", true));
                page.items().forEach(d -> fromTable.add(d.getId()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(fromIndex)
                    .as("pages of %s", limit)
                    .hasSize(25)
                    .doesNotHaveDuplicates()
                    .isEqualTo(fromTable);
        }
        Slice<Department> none = queries.page(
                Departments.COLLECTION, new CollectionRequest(50, null, List.of(), null, Map.of(), "theirs", true));
        assertThat(none.items()).as("another organization's department").isEmpty();
        assertThat(none.total()).isZero();
        assertThat(none.nextCursor()).isNull();
        // a cursor of another order is refused here too
        String byCode = queries.page(Departments.COLLECTION, request(3, null, List.of(new Sort("code", false))))
                .nextCursor();
        assertThat(refused(new CollectionRequest(3, byCode, List.of(), null, Map.of(), "unit", false)))
                .containsExactly("cursor");
    }

    /**
     * Rows the index still lists but the table no longer has (gone between the index's statement
     * and the page's, here removed behind the triggers' back) leave pages short, even empty, but
     * the paging goes on from the index's own cursor and finds every row that is there.
     */
    @Test
    void rowsGoneSinceTheIndexWasReadNeitherEndThePagingNorSkipRows() {
        List<String> names = all(List.of(), 50).stream()
                .filter(d -> d.getName().startsWith("Unit"))
                .map(d -> d.getId().toString())
                .toList();
        assertThat(names).hasSize(25);
        em.createNativeQuery("alter table department disable trigger department_search_deleted")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        em.createNativeQuery("delete from department where id in (cast(?1 as uuid), cast(?2 as uuid))")
                .setParameter(1, names.get(0))
                .setParameter(2, names.get(1))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        Slice<Department> first = queries.page(
                Departments.COLLECTION, new CollectionRequest(2, null, List.of(), null, Map.of(), "unit", false));
        assertThat(first.items()).as("both rows of the first page are gone").isEmpty();
        assertThat(first.nextCursor()).isNotNull();
        List<String> found = new ArrayList<>();
        String cursor = first.nextCursor();
        while (cursor != null) {
            Slice<Department> page = queries.page(
                    Departments.COLLECTION, new CollectionRequest(2, cursor, List.of(), null, Map.of(), "unit", false));
            page.items().forEach(d -> found.add(d.getId().toString()));
            cursor = page.nextCursor();
        }
        assertThat(found).isEqualTo(names.subList(2, 25));
    }

    /**
     * A member's place in the index's order is their account's email now: a new address moves
     * them, in the same transaction. Walked a page of one at a time, a stale place would lose them.
     */
    @Test
    void aMembersPlaceInTheIndexOrderFollowsTheirEmail() {
        UUID moving = member("aaa-first@example.org");
        member("mmm-middle@example.org");
        assertThat(membersMatching("example.org"))
                .containsExactly("aaa-first@example.org", MEMBER_EMAIL_START, "mmm-middle@example.org");
        em.createNativeQuery("update app_user set email = 'zzz-last@example.org' where id = cast(?1 as uuid)")
                .setParameter(1, moving.toString())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        em.clear();
        assertThat(membersMatching("example.org"))
                .containsExactly(MEMBER_EMAIL_START, "mmm-middle@example.org", "zzz-last@example.org");
        assertThat(membersMatching("aaa-first")).isEmpty();
    }

    /**
     * A search in another order than the index's, of rows that come with joined ones (a member's
     * account), chooses its page by id and then reads just that page's rows: the same members, in
     * order, page for page, each with its account (and without its password hash).
     */
    @Test
    void aSearchInAnotherOrderChoosesItsPageByIdThenReadsItsRows() {
        assertThat(queries.readsJoinedRows(Memberships.COLLECTION))
                .as("members come with their accounts")
                .isTrue();
        assertThat(queries.readsJoinedRows(Departments.COLLECTION)).isFalse();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 6; i >= 0; i--) { // oldest first, so that the table's own order is not the answer
            String email = "joined-" + i + "@example.net";
            UUID user = member(email);
            em.createNativeQuery("update membership set created_at = now() - make_interval(mins => ?1)"
                            + " where user_id = cast(?2 as uuid)")
                    .setParameter(1, i)
                    .setParameter(2, user.toString())
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
            newestFirst.add(0, email);
        }
        member("not-searched@example.org");
        em.clear();

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Slice<Membership> page = queries.page(
                    Memberships.COLLECTION,
                    new CollectionRequest(
                            3, cursor, List.of(new Sort("joinedAt", true)), null, Map.of(), "example.net", true),
                    CollectionQueries.Scope.tenant("orgId", ORG));
            assertThat(page.total()).isEqualTo(7);
            sizes.add(page.items().size());
            for (Membership member : page.items()) {
                assertThat(((FetchGroupTracker) member.getUser())._persistence_isAttributeFetched("passwordHash"))
                        .isFalse();
                seen.add(member.getUser().getEmail());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(sizes).containsExactly(3, 3, 1);

        // a sort key the collection does not have is the caller's mistake on this path too
        InvalidInput wrong = catchThrowableOfType(
                () -> queries.page(
                        Memberships.COLLECTION,
                        new CollectionRequest(
                                3, null, List.of(new Sort("shoeSize", true)), null, Map.of(), "example.net", false)),
                InvalidInput.class);
        assertThat(wrong.errors()).extracting(FieldError::name).containsExactly("sort");
    }

    private UUID member(String email) {
        UUID user = UUID.randomUUID();
        em.createNativeQuery("insert into app_user (id, email, display_name, password_hash, created_at, updated_at)"
                        + " values (cast(?1 as uuid), ?2, 'Another member', 'h', now(), now())")
                .setParameter(1, user.toString())
                .setParameter(2, email)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        em.createNativeQuery(
                        "insert into membership (id, org_id, user_id, role, created_at, updated_at)"
                                + " values (gen_random_uuid(), orgbase_current_org(), cast(?1 as uuid), 'member', now(), now())")
                .setParameter(1, user.toString())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        return user;
    }

    /** Every matching member's email, a page of one at a time (the member of the fixture as "member-"). */
    private List<String> membersMatching(String q) {
        List<String> emails = new ArrayList<>();
        String cursor = null;
        do {
            Slice<Membership> page = queries.page(
                    Memberships.COLLECTION,
                    new CollectionRequest(1, cursor, List.of(), null, Map.of(), q, false),
                    CollectionQueries.Scope.tenant("orgId", ORG));
            page.items().forEach(m -> {
                String email = m.getUser().getEmail();
                emails.add(email.startsWith(MEMBER_EMAIL_START) ? MEMBER_EMAIL_START : email);
            });
            cursor = page.nextCursor();
        } while (cursor != null);
        return emails;
    }

    /** A term more common than the index hands over is matched on the table: the same answer. */
    @Test
    void aCommonTermIsMatchedOnTheTable() {
        em.createNativeQuery("insert into department (id, org_id, name, code, created_at, updated_at)"
                        + " select gen_random_uuid(), orgbase_current_org(), 'Bulk ' || g, 'B' || g, now(), now()"
                        + " from generate_series(1, " + (CollectionQueries.SEARCH_INDEX_CAP + 1) + ") g")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        assertThat(em.createNativeQuery("select orgbase_search_ids('department', '%bulk%', "
                                + CollectionQueries.SEARCH_INDEX_CAP + ") is null")
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .isEqualTo(true);
        Slice<Department> bulk = queries.page(
                Departments.COLLECTION,
                new CollectionRequest(50, null, List.of(new Sort("code", false)), null, Map.of(), "BULK", true));
        assertThat(queries.matches(Departments.COLLECTION, "%bulk%").ids())
                .as("more than the cap")
                .isNull();
        assertThat(bulk.total()).isEqualTo(CollectionQueries.SEARCH_INDEX_CAP + 1L);
        assertThat(bulk.items()).hasSize(50).allMatch(d -> d.getName().startsWith("Bulk "));
        assertThat(search("bulk 2001")).containsExactly("Bulk 2001");
        // in the index's order the index has no cap: it walks its order until the page is full
        Slice<Department> inOrder = queries.page(
                Departments.COLLECTION, new CollectionRequest(50, null, List.of(), null, Map.of(), "BULK", true));
        assertThat(inOrder.total()).isEqualTo(CollectionQueries.SEARCH_INDEX_CAP + 1L);
        assertThat(inOrder.items())
                .hasSize(50)
                .extracting(Department::getName)
                .startsWith("Bulk 1", "Bulk 10", "Bulk 100");
        // Bulk 1, 10-19, 100-199, 1000-1999: under the cap, handed over as 1,111 ids
        assertThat(queries.matches(Departments.COLLECTION, "%bulk 1%").ids()).hasSize(1111);
        Slice<Department> ones = queries.page(
                Departments.COLLECTION,
                new CollectionRequest(50, null, List.of(new Sort("code", false)), null, Map.of(), "bulk 1", true));
        assertThat(ones.total()).isEqualTo(1111L);
        assertThat(ones.items()).hasSize(50).allMatch(d -> d.getName().startsWith("Bulk 1"));
    }

    private static CollectionRequest searching(String q) {
        return new CollectionRequest(50, null, List.of(), null, Map.of(), q, false);
    }

    private List<String> search(String q) {
        return queries
                .page(Departments.COLLECTION, new CollectionRequest(50, null, List.of(), null, Map.of(), q, false))
                .items()
                .stream()
                .map(Department::getName)
                .toList();
    }

    private List<String> refused(CollectionRequest request) {
        InvalidInput refused =
                catchThrowableOfType(() -> queries.page(Departments.COLLECTION, request), InvalidInput.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.errors().stream().map(FieldError::name).toList();
    }
}
