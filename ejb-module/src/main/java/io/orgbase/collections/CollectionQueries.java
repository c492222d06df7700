package io.orgbase.collections;

import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaEntityManager;

/**
 * Runs a {@link CollectionRequest} against a {@link CollectionSpec} as a JPA Criteria query, in
 * the caller's transaction (so inside its tenant): declared fields only, values bound as
 * parameters, keyset paging on the sort keys plus the id, so a page boundary never moves when rows
 * are inserted meanwhile. Every problem with the request is reported at once, as a 400.
 */
@Dependent
public class CollectionQueries {

    /** Deepest nesting of and/or/not in a filter. */
    public static final int MAX_DEPTH = 5;
    /** Most field tests in one filter. */
    public static final int MAX_TESTS = 50;
    /** Most values of an {@code in}/{@code notin} list. */
    public static final int MAX_LIST = 100;
    /** Longest search text. */
    public static final int MAX_QUERY = 200;
    /**
     * Most rows the search index hands over by id. A more common term is matched on the table,
     * where the sorted walk of its index finds a page of matches quickly.
     */
    public static final int SEARCH_INDEX_CAP = 2_000;

    /**
     * Asks the search index for the current organization's matches: their ids as text ({@code ''}
     * for none, NULL for more than the cap), and, when there are some, has the planner cost the
     * page and its count as reading cached pages, returning the setting it replaced ({@link
     * Matches#restore} puts it back after them). With at most {@link #SEARCH_INDEX_CAP} rows known by
     * key, joining each to its account by the account's primary key is what costs least; at
     * PostgreSQL's default {@code random_page_cost} (4, a spinning disk's) the planner instead hashed
     * every account of the database: 1,111 members of 100,000 joined in 19–20 ms against 9–10 ms by
     * key (2026-12-07, measured as the application role). Never raised above an administrator's own
     * lower setting.
     *
     * <p>{@code OFFSET 0} keeps the subquery from being merged into the outer query, where the
     * function was called once per reference to its result: twice per search before (6.2–9.5 ms
     * against 3.2–3.5 ms for that search).
     */
    static final String MATCHES = "SELECT array_to_string(found.ids, ','), CASE WHEN cardinality(found.ids) > 0"
            + " THEN set_config('random_page_cost',"
            + " CAST(least(CAST(found.before AS float8), 1.1) AS text), true) END, CASE WHEN"
            + " cardinality(found.ids) > 0 THEN found.before END"
            + " FROM (SELECT orgbase_search_ids(?1, ?2, ?3) AS ids, current_setting('random_page_cost') AS before"
            + " OFFSET 0) found";

    /** Letters or digits in a row a term needs for the search index (pg_trgm takes trigrams from words). */
    public static final int SEARCH_INDEX_MIN = 3;

    /** The parameter of {@code orgbase_listed} that carries the search index's matches. */
    private static final String LISTED = "listed";

    /**
     * What the search index found: the ids as text ({@code ''} none, null more than the cap), and the
     * planner's setting to put back after the page and its count (null: left as it was).
     */
    record Matches(String listed, String costBefore) {

        /** The ids, or null for more than the cap. */
        List<UUID> ids() {
            return listed == null ? null : uuids(listed);
        }

        /** Plans the transaction's further statements as before the search. */
        void restore(EntityManager em) {
            if (costBefore != null) {
                em.createNativeQuery("SELECT set_config('random_page_cost', ?1, true)")
                        .setParameter(1, costBefore)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult();
            }
        }
    }

    private static final Pattern TRIGRAM = Pattern.compile("[\\p{L}\\p{N}]{" + SEARCH_INDEX_MIN + "}");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** Further conditions the boundary always applies (rows of this organization, of this user). */
    @FunctionalInterface
    public interface Scope<E> {
        Predicate apply(CriteriaBuilder cb, Root<E> root);

        /**
         * The rows whose organization attribute names the organization the transaction is in: all
         * the search index holds for it anyway, so a search in the index's order stays a page of it.
         */
        static <E> Scope<E> tenant(String attribute, UUID orgId) {
            return new TenantScope<>(attribute, orgId);
        }
    }

    private record TenantScope<E>(String attribute, UUID orgId) implements Scope<E> {
        @Override
        public Predicate apply(CriteriaBuilder cb, Root<E> root) {
            return cb.equal(root.get(attribute), orgId);
        }
    }

    public <E> Slice<E> page(CollectionSpec<E> spec, CollectionRequest request) {
        return page(spec, request, null);
    }

    /**
     * A page of the collection. A search of a collection with a search index asks the index once,
     * before the query, for the ids of its matches (at most {@link #SEARCH_INDEX_CAP}); the query
     * and its count then take those ids as values, so the planner knows how many there are and
     * never runs the search per row. A term too common for the cap is matched on the table.
     *
     * @throws InvalidInput naming every unknown field, wrong operator or value, bad sort or cursor
     */
    public <E> Slice<E> page(CollectionSpec<E> spec, CollectionRequest request, Scope<E> scope) {
        DatabaseSession.planForActualValues(em);
        List<FieldError> errors = new ArrayList<>();
        List<Sort> sort = sort(spec, request.sort(), errors);
        String ordered = orderedSearch(spec, request, scope, sort);
        if (ordered != null && errors.isEmpty()) {
            return searchPage(spec, request, scope, sort, ordered);
        }
        String pattern = indexedSearch(spec, request);
        Matches found = pattern == null ? null : matches(spec, pattern);
        String listed = found == null ? null : found.listed();
        CriteriaBuilder cb = em.getCriteriaBuilder();
        int limit = Math.max(1, Math.min(request.limit(), CollectionRequest.MAX_LIMIT));
        List<E> items;
        String next;
        if (errors.isEmpty()
                && listed != null
                && !listed.isEmpty()
                && readsJoinedRows(spec)
                && sortsOnItsOwn(spec, sort)) {
            // the page's keys first (each row's sort values, then its id), its rows after
            CriteriaQuery<Object[]> keys = cb.createQuery(Object[].class);
            Root<E> root = keys.from(spec.entity());
            keys.multiselect(keyPaths(spec, sort, root).toArray(new Selection<?>[0]))
                    .where(selection(spec, request, scope, listed, sort, cb, root, keys, errors))
                    .orderBy(order(spec, sort, cb, root));
            List<Object[]> chosen = listing(em.createQuery(keys), listed)
                    .setMaxResults(limit + 1)
                    .getResultList();
            boolean more = chosen.size() > limit;
            List<Object[]> page = more ? chosen.subList(0, limit) : chosen;
            items = List.copyOf(byId(
                    spec,
                    scope,
                    sort,
                    page.stream().map(key -> key[sort.size()]).toList()));
            next = more ? encode(spec, sort, Arrays.asList(page.get(page.size() - 1))) : null;
        } else {
            CriteriaQuery<E> query = cb.createQuery(spec.entity());
            Root<E> root = query.from(spec.entity());
            query.select(root)
                    .where(selection(spec, request, scope, listed, sort, cb, root, query, errors))
                    .orderBy(order(spec, sort, cb, root));
            List<E> rows = listing(em.createQuery(query), listed)
                    .setMaxResults(limit + 1)
                    .getResultList();
            boolean more = rows.size() > limit;
            items = List.copyOf(more ? rows.subList(0, limit) : rows);
            next = more ? encode(spec, sort, items.get(items.size() - 1)) : null;
        }
        Long total = request.count() ? count(spec, request, scope, listed) : null;
        if (found != null) {
            found.restore(em);
        }
        return new Slice<>(items, next, total);
    }

    /**
     * The request's conditions, its cursor's included.
     *
     * @throws InvalidInput naming every unknown field, wrong operator or value, bad cursor (and
     *     what {@code errors} holds already)
     */
    private <E> Predicate[] selection(
            CollectionSpec<E> spec,
            CollectionRequest request,
            Scope<E> scope,
            String listed,
            List<Sort> sort,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors) {
        List<Predicate> where = conditions(spec, request, scope, listed, cb, root, query, errors);
        List<Object> after = request.cursor() == null ? null : decode(spec, sort, request.cursor(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (after != null) {
            where.add(after(spec, sort, after, cb, root));
        }
        return where.toArray(Predicate[]::new);
    }

    /**
     * Whether the entity comes with rows joined to it ({@code @JoinFetch}, a member's account). A
     * page of the search index's matches in another order is then chosen by id first and read
     * after: PostgreSQL joins before it sorts, so one query joined every match (1,111 accounts
     * for 50 members: 4 of its 9 ms, 2026-12-07).
     */
    boolean readsJoinedRows(CollectionSpec<?> spec) {
        ClassDescriptor descriptor =
                em.unwrap(JpaEntityManager.class).getServerSession().getDescriptor(spec.entity());
        return descriptor != null && descriptor.getObjectBuilder().hasJoinedAttributes();
    }

    /** The sort keys' paths, then the id's: what a cursor is made of. */
    private static <E> List<Path<?>> keyPaths(CollectionSpec<E> spec, List<Sort> sort, Root<E> root) {
        List<Path<?>> paths = new ArrayList<>();
        for (Sort key : sort) {
            paths.add(path(root, spec.field(key.field()).path()));
        }
        paths.add(path(root, spec.idPath()));
        return paths;
    }

    /**
     * Whether every sort key is the entity's own column (the sort is known to be valid): a key on a
     * joined row (a member's email) needs the join to choose the page anyway.
     */
    private static boolean sortsOnItsOwn(CollectionSpec<?> spec, List<Sort> sort) {
        return sort.stream().noneMatch(key -> spec.field(key.field()).path().contains("."));
    }

    /**
     * The rows of a page chosen by id, in the page's order. The cursor comes from the keys the page
     * was chosen by, so a row changed or gone in between neither ends the paging nor skips a row.
     */
    private <E> List<E> byId(CollectionSpec<E> spec, Scope<E> scope, List<Sort> sort, List<?> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<E> query = cb.createQuery(spec.entity());
        Root<E> root = query.from(spec.entity());
        List<Predicate> where = new ArrayList<>();
        if (scope != null) {
            where.add(scope.apply(cb, root));
        }
        where.add(listed(spec, cb, root));
        query.select(root).where(where.toArray(Predicate[]::new)).orderBy(order(spec, sort, cb, root));
        return listing(em.createQuery(query), ids.stream().map(Object::toString).collect(Collectors.joining(",")))
                .getResultList();
    }

    /**
     * A search answered a page at a time by the search index, when the request asks for nothing
     * the index cannot do itself: the collection's index order, ascending, and no filter or scope
     * but the tenant's.
     * The index puts the matches in order from the cursor on and hands over one page of ids (and
     * with {@code count=true} the number of all matches); the query then reads just those rows.
     * However common the term and however large the organization, no more than a page is read.
     */
    private <E> Slice<E> searchPage(
            CollectionSpec<E> spec, CollectionRequest request, Scope<E> scope, List<Sort> sort, String pattern) {
        List<FieldError> errors = new ArrayList<>();
        List<Object> after = request.cursor() == null ? null : decode(spec, sort, request.cursor(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int limit = Math.max(1, Math.min(request.limit(), CollectionRequest.MAX_LIMIT));
        Object[] found = (Object[]) em.createNativeQuery(
                        "SELECT array_to_string(p.ids, ','), p.keys[CAST(?8 AS integer)], p.total"
                                + " FROM orgbase_search_page(?1, ?2, CAST(?3 AS uuid), CAST(?4 AS text), CAST(?5 AS uuid),"
                                + " ?6, ?7) p")
                .setParameter(1, spec.searchIndex())
                .setParameter(2, pattern)
                .setParameter(
                        3,
                        scope instanceof TenantScope<E> tenant ? tenant.orgId().toString() : null)
                .setParameter(4, after == null ? null : after.get(0))
                .setParameter(5, after == null ? null : after.get(1).toString())
                .setParameter(6, limit + 1)
                .setParameter(7, request.count())
                .setParameter(8, limit)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        Long total = request.count() ? ((Number) found[2]).longValue() : null;
        List<UUID> ids = uuids(found[0]);
        // The index decides the page: its first `limit` ids, and whether more follow. The cursor is
        // its own view of the page's last row, so a row gone or changed since the index was read
        // leaves the page short or out of step for a moment, but the next page still starts where
        // this one ended in the index's order: nothing is skipped, and paging never stops early.
        List<UUID> page = ids.size() > limit ? ids.subList(0, limit) : ids;
        String next = ids.size() > limit ? encode(spec, sort, List.of(found[1], page.get(page.size() - 1))) : null;
        return new Slice<>(List.copyOf(byId(spec, scope, sort, page)), next, total);
    }

    /**
     * The LIKE pattern for {@link #searchPage}, or null when the request needs more than the index
     * order: another order, a filter, a scope, no search, or a term the request refuses.
     */
    static <E> String orderedSearch(
            CollectionSpec<E> spec, CollectionRequest request, Scope<E> scope, List<Sort> sort) {
        String text = request.query() == null ? "" : request.query().strip();
        if (spec.searchOrder() == null
                || (scope != null && !(scope instanceof TenantScope))
                || text.isEmpty()
                || request.filter() != null
                || !request.simpleFilters().isEmpty()
                || !sort.equals(List.of(new Sort(spec.searchOrder(), false)))) {
            return null;
        }
        return indexPattern(text);
    }

    /**
     * The search index's LIKE pattern for a term (lower case, LIKE's metacharacters escaped), or
     * null for a term the request refuses (too long, control characters), which the table's
     * search then reports.
     */
    private static String indexPattern(String text) {
        if (text.length() > MAX_QUERY || text.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
    }

    /** The ids the search index's functions list as text, comma-separated (none for null or empty). */
    private static List<UUID> uuids(Object listed) {
        String text = listed == null ? "" : listed.toString();
        return text.isEmpty()
                ? List.of()
                : Arrays.stream(text.split(",")).map(UUID::fromString).toList();
    }

    private static <E> List<Order> order(CollectionSpec<E> spec, List<Sort> sort, CriteriaBuilder cb, Root<E> root) {
        List<Order> order = new ArrayList<>();
        for (Sort key : sort) {
            Path<?> path = path(root, spec.field(key.field()).path());
            order.add(key.descending() ? cb.desc(path) : cb.asc(path));
        }
        order.add(cb.asc(path(root, spec.idPath())));
        return order;
    }

    private <E> long count(CollectionSpec<E> spec, CollectionRequest request, Scope<E> scope, String listed) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<E> root = query.from(spec.entity());
        List<Predicate> where = conditions(spec, request, scope, listed, cb, root, query, new ArrayList<>());
        query.select(cb.count(root)).where(where.toArray(Predicate[]::new));
        return listing(em.createQuery(query), listed).getSingleResult();
    }

    /** Binds the search index's matches, when {@link #conditions} named them. */
    private static <T> TypedQuery<T> listing(TypedQuery<T> query, String listed) {
        return listed == null || listed.isEmpty() ? query : query.setParameter(LISTED, listed);
    }

    private <E> List<Predicate> conditions(
            CollectionSpec<E> spec,
            CollectionRequest request,
            Scope<E> scope,
            String listed,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors) {
        List<Predicate> where = new ArrayList<>();
        if (scope != null) {
            where.add(scope.apply(cb, root));
        }
        request.simpleFilters().forEach((name, values) -> {
            CollectionField field = spec.field(name);
            if (field == null || !field.filterable()) {
                errors.add(
                        new FieldError(name, "is not a filter of this collection (filters: " + filterable(spec) + ")"));
                return;
            }
            Condition.Test test = values.size() == 1
                    ? new Condition.Test(name, Op.EQ.key(), values.get(0))
                    : new Condition.Test(name, Op.IN.key(), List.copyOf(values));
            Predicate predicate = test(spec, test, cb, root, query, errors, name);
            if (predicate != null) {
                where.add(predicate);
            }
        });
        if (request.filter() != null) {
            int[] tests = {0};
            Predicate predicate = condition(spec, request.filter(), cb, root, query, errors, 1, tests);
            if (tests[0] > MAX_TESTS) {
                errors.add(new FieldError("filter", "has more than " + MAX_TESTS + " conditions"));
            } else if (predicate != null) {
                where.add(predicate);
            }
        }
        if (listed != null) {
            // the current organization's matching ids, from the search index, as one value that
            // PostgreSQL inlines to "id = ANY (...)" (uuid equality is leakproof: the planner may
            // probe the primary key below the row policies)
            where.add(listed.isEmpty() ? cb.disjunction() : listed(spec, cb, root));
        } else if (request.query() != null && !request.query().isBlank()) {
            search(spec, request.query().strip(), cb, root, errors, where);
        }
        return where;
    }

    /** Whether the row's id is one of those bound as {@link #LISTED}. */
    private static <E> Predicate listed(CollectionSpec<E> spec, CriteriaBuilder cb, Root<E> root) {
        return cb.isTrue(cb.function(
                "orgbase_listed", Boolean.class, root.get(spec.idPath()), cb.parameter(String.class, LISTED)));
    }

    /**
     * The LIKE pattern to ask the search index for, when the collection has one and the term has
     * a trigram for it (three letters or digits in a row: pg_trgm takes its trigrams from words);
     * else null (matched on the table).
     */
    static <E> String indexedSearch(CollectionSpec<E> spec, CollectionRequest request) {
        String text = request.query() == null ? "" : request.query().strip();
        if (spec.searchIndex() == null || !TRIGRAM.matcher(text).find()) {
            return null;
        }
        return indexPattern(text);
    }

    /**
     * The current organization's rows whose text matches, from the search index ({@link
     * Matches#ids} null when more than {@link #SEARCH_INDEX_CAP} do: the term is matched on the table
     * instead); see {@link #MATCHES} for what else it sets until {@link Matches#restore}.
     */
    <E> Matches matches(CollectionSpec<E> spec, String pattern) {
        Object[] row = (Object[]) em.createNativeQuery(MATCHES)
                .setParameter(1, spec.searchIndex())
                .setParameter(2, pattern)
                .setParameter(3, SEARCH_INDEX_CAP)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        return new Matches((String) row[0], (String) row[2]);
    }

    private <E> void search(
            CollectionSpec<E> spec,
            String text,
            CriteriaBuilder cb,
            Root<E> root,
            List<FieldError> errors,
            List<Predicate> where) {
        if (text.length() > MAX_QUERY) {
            errors.add(new FieldError("q", "must be at most " + MAX_QUERY + " characters"));
            return;
        }
        String pattern = "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
        List<Predicate> any = new ArrayList<>();
        for (CollectionField field : spec.fields().values()) {
            if (field.searchable()) {
                any.add(cb.like(cb.lower(path(root, field.path()).as(String.class)), pattern, '\\'));
            }
        }
        if (any.isEmpty()) {
            errors.add(new FieldError("q", "this collection has no searchable fields"));
        } else {
            where.add(cb.or(any.toArray(Predicate[]::new)));
        }
    }

    private <E> Predicate condition(
            CollectionSpec<E> spec,
            Condition condition,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors,
            int depth,
            int[] tests) {
        if (depth > MAX_DEPTH) {
            errors.add(new FieldError("filter", "nests deeper than " + MAX_DEPTH + " levels"));
            return null;
        }
        if (condition instanceof Condition.All all) {
            return combine(spec, all.conditions(), true, cb, root, query, errors, depth, tests);
        }
        if (condition instanceof Condition.Any any) {
            return combine(spec, any.conditions(), false, cb, root, query, errors, depth, tests);
        }
        if (condition instanceof Condition.Not not) {
            Predicate inner = condition(spec, not.condition(), cb, root, query, errors, depth + 1, tests);
            return inner == null ? null : cb.not(inner);
        }
        Condition.Test test = (Condition.Test) condition;
        tests[0]++;
        return tests[0] > MAX_TESTS ? null : test(spec, test, cb, root, query, errors, "filter");
    }

    private <E> Predicate combine(
            CollectionSpec<E> spec,
            List<Condition> conditions,
            boolean all,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors,
            int depth,
            int[] tests) {
        if (conditions.isEmpty()) {
            errors.add(new FieldError("filter", (all ? "and" : "or") + " needs at least one condition"));
            return null;
        }
        List<Predicate> parts = new ArrayList<>();
        for (Condition condition : conditions) {
            Predicate part = condition(spec, condition, cb, root, query, errors, depth + 1, tests);
            if (part != null) {
                parts.add(part);
            }
        }
        if (parts.size() != conditions.size()) {
            return null;
        }
        return all ? cb.and(parts.toArray(Predicate[]::new)) : cb.or(parts.toArray(Predicate[]::new));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <E> Predicate test(
            CollectionSpec<E> spec,
            Condition.Test test,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors,
            String parameter) {
        CollectionField field = spec.field(test.field());
        if (field == null || !field.filterable()) {
            errors.add(new FieldError(
                    parameter, "unknown field '" + test.field() + "' (filters: " + filterable(spec) + ")"));
            return null;
        }
        Op op = Op.byKey(test.op());
        if (op == null) {
            errors.add(new FieldError(
                    parameter,
                    "unknown operator '" + test.op() + "' for field '" + field.name()
                            + "' (operators: eq, neq, gt, gte, lt, lte, contains, icontains, startswith, endswith, in,"
                            + " notin, isnull, between)"));
            return null;
        }
        if (!field.type().allows(op)) {
            errors.add(new FieldError(
                    parameter,
                    "operator '" + op.key() + "' does not apply to "
                            + field.type().name().toLowerCase(Locale.ROOT) + " field '" + field.name() + "'"));
            return null;
        }
        if (field.related() != null) {
            return related(field, op, test.value(), cb, root, query, errors, parameter);
        }
        Path<?> path = path(root, field.path());
        Object raw = test.value();
        try {
            switch (op) {
                case ISNULL -> {
                    if (!(raw instanceof Boolean isNull)) {
                        throw new IllegalArgumentException("true or false");
                    }
                    return isNull ? cb.isNull(path) : cb.isNotNull(path);
                }
                case IN, NOTIN -> {
                    List<Object> values = list(field, raw, path, 1, MAX_LIST);
                    Predicate in = path.in(values);
                    return op == Op.IN ? in : cb.or(cb.isNull(path), cb.not(in));
                }
                case BETWEEN -> {
                    List<Object> bounds = list(field, raw, path, 2, 2);
                    return cb.between((Expression) path, (Comparable) bounds.get(0), (Comparable) bounds.get(1));
                }
                default -> {
                    if (raw == null) {
                        throw new IllegalArgumentException("a value (use isnull to test for none)");
                    }
                }
            }
            Object value = coerce(field.type().parse(raw), path.getJavaType());
            return switch (op) {
                case EQ -> cb.equal(path, value);
                case NEQ -> cb.or(cb.isNull(path), cb.notEqual(path, value));
                case GT -> cb.greaterThan((Expression) path, (Comparable) value);
                case GTE -> cb.greaterThanOrEqualTo((Expression) path, (Comparable) value);
                case LT -> cb.lessThan((Expression) path, (Comparable) value);
                case LTE -> cb.lessThanOrEqualTo((Expression) path, (Comparable) value);
                case CONTAINS -> cb.like(path.as(String.class), "%" + escapeLike((String) value) + "%", '\\');
                case ICONTAINS -> cb.like(
                        cb.lower(path.as(String.class)),
                        "%" + escapeLike(((String) value).toLowerCase(Locale.ROOT)) + "%",
                        '\\');
                case STARTSWITH -> cb.like(path.as(String.class), escapeLike((String) value) + "%", '\\');
                case ENDSWITH -> cb.like(path.as(String.class), "%" + escapeLike((String) value), '\\');
                default -> throw new IllegalStateException(op.key());
            };
        } catch (IllegalArgumentException wrongValue) {
            errors.add(new FieldError(
                    parameter,
                    "the value for '" + field.name() + "' " + op.key() + " must be "
                            + describe(op, wrongValue.getMessage())));
            return null;
        }
    }

    /** A filter on rows related to the row (its teams, its tags): membership in a set, or not. */
    private <E> Predicate related(
            CollectionField field,
            Op op,
            Object raw,
            CriteriaBuilder cb,
            Root<E> root,
            AbstractQuery<?> query,
            List<FieldError> errors,
            String parameter) {
        String element = field.type().name().toLowerCase(Locale.ROOT);
        List<Object> values = new ArrayList<>();
        try {
            if (op == Op.IN || op == Op.NOTIN) {
                if (!(raw instanceof List<?> items) || items.isEmpty() || items.size() > MAX_LIST) {
                    throw new IllegalArgumentException(describe(op, element));
                }
                for (Object item : items) {
                    if (item == null) {
                        throw new IllegalArgumentException(describe(op, element));
                    }
                    values.add(field.type().parse(item));
                }
            } else if (op == Op.EQ || op == Op.NEQ) {
                if (raw == null) {
                    throw new IllegalArgumentException("a value");
                }
                values.add(field.type().parse(raw));
            } else {
                errors.add(new FieldError(
                        parameter,
                        "operator '" + op.key() + "' does not apply to '" + field.name() + "' (eq, neq, in, notin)"));
                return null;
            }
        } catch (IllegalArgumentException wrongValue) {
            errors.add(new FieldError(
                    parameter,
                    "the value for '" + field.name() + "' " + op.key() + " must be " + wrongValue.getMessage()));
            return null;
        }
        Predicate in = field.related().among(new CollectionField.Where(cb, query, root, em), values);
        return op == Op.EQ || op == Op.IN ? in : cb.not(in);
    }

    private static String describe(Op op, String element) {
        return switch (op) {
            case IN, NOTIN -> "a list of 1 to " + MAX_LIST + " values, each " + element;
            case BETWEEN -> "a list of two values, each " + element;
            default -> element;
        };
    }

    private static List<Object> list(CollectionField field, Object raw, Path<?> path, int min, int max) {
        if (!(raw instanceof List<?> items) || items.size() < min || items.size() > max) {
            throw new IllegalArgumentException(field.type().name().toLowerCase(Locale.ROOT));
        }
        List<Object> values = new ArrayList<>();
        for (Object item : items) {
            if (item == null) {
                throw new IllegalArgumentException(field.type().name().toLowerCase(Locale.ROOT));
            }
            values.add(coerce(field.type().parse(item), path.getJavaType()));
        }
        return values;
    }

    /** Whole numbers arrive as long, an int attribute wants an int; enum attributes take their names. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object coerce(Object value, Class<?> javaType) {
        if (javaType.isEnum() && value instanceof String name) {
            for (Object constant : javaType.getEnumConstants()) {
                if (((Enum) constant).name().equalsIgnoreCase(name)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("one of: "
                    + java.util.Arrays.stream(javaType.getEnumConstants())
                            .map(c -> ((Enum) c).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
        if (value instanceof Long number && (javaType == Integer.class || javaType == int.class)) {
            if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a whole number in the 32-bit range");
            }
            return number.intValue();
        }
        return value;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static <E> String filterable(CollectionSpec<E> spec) {
        return spec.fields().values().stream()
                .filter(CollectionField::filterable)
                .map(CollectionField::name)
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static <E> List<Sort> sort(CollectionSpec<E> spec, List<Sort> requested, List<FieldError> errors) {
        if (requested.isEmpty()) {
            return spec.defaultSort();
        }
        for (Sort key : requested) {
            CollectionField field = spec.field(key.field());
            if (field == null || !field.sortable()) {
                String sortable = spec.fields().values().stream()
                        .filter(CollectionField::sortable)
                        .map(CollectionField::name)
                        .sorted()
                        .collect(Collectors.joining(", "));
                errors.add(new FieldError("sort", "cannot sort on '" + key.field() + "' (sortable: " + sortable + ")"));
            }
        }
        return requested;
    }

    static Path<?> path(Root<?> root, String dotted) {
        Path<?> path = root;
        for (String part : dotted.split("\\.")) {
            path = path.get(part);
        }
        return path;
    }

    /** Rows after the cursor's row in this order: a lexicographic comparison, key by key, then the id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <E> Predicate after(
            CollectionSpec<E> spec, List<Sort> sort, List<Object> values, CriteriaBuilder cb, Root<E> root) {
        List<Path<?>> paths = keyPaths(spec, sort, root);
        List<Boolean> descending = new ArrayList<>();
        for (Sort key : sort) {
            descending.add(key.descending());
        }
        descending.add(false);
        List<Predicate> any = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            List<Predicate> all = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                all.add(cb.equal(paths.get(j), values.get(j)));
            }
            Expression key = paths.get(i);
            Comparable value = (Comparable) values.get(i);
            all.add(descending.get(i) ? cb.lessThan(key, value) : cb.greaterThan(key, value));
            any.add(cb.and(all.toArray(Predicate[]::new)));
        }
        Predicate after = cb.or(any.toArray(Predicate[]::new));
        // The same rows, with the first key's bound on its own as well: an index on the sort keys
        // is then entered at the cursor's row. The disjunction alone is only a filter, and each
        // page scanned every row before it (232 ms, not 1.5 ms, in the middle of 300,000 rows).
        Expression first = paths.get(0);
        Comparable bound = (Comparable) values.get(0);
        if (bound == null) {
            return after;
        }
        return cb.and(
                descending.get(0) ? cb.lessThanOrEqualTo(first, bound) : cb.greaterThanOrEqualTo(first, bound), after);
    }

    private static String signature(List<Sort> sort) {
        return sort.stream().map(Sort::toString).collect(Collectors.joining(","));
    }

    private static <E> String encode(CollectionSpec<E> spec, List<Sort> sort, E last) {
        List<Object> values = new ArrayList<>();
        for (Sort key : sort) {
            values.add(read(last, spec.field(key.field()).path()));
        }
        values.add(read(last, spec.idPath()));
        return encode(spec, sort, values);
    }

    /** A cursor after the row with these values of the sort's keys and then its id. */
    private static <E> String encode(CollectionSpec<E> spec, List<Sort> sort, List<Object> last) {
        JsonArrayBuilder values = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < sort.size(); i++) {
            values.add(spec.field(sort.get(i).field()).type().format(last.get(i)));
        }
        values.add(spec.idType().format(last.get(sort.size())));
        String json = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("s", signature(sort))
                .add("v", values)
                .build()
                .toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static <E> List<Object> decode(
            CollectionSpec<E> spec, List<Sort> sort, String cursor, List<FieldError> errors) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(
                new StringReader(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            if (!signature(sort).equals(json.getString("s"))) {
                errors.add(new FieldError("cursor", "belongs to another sort order; start again without it"));
                return null;
            }
            JsonArray raw = json.getJsonArray("v");
            if (raw.size() != sort.size() + 1) {
                throw new IllegalArgumentException("length");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sort.size(); i++) {
                CollectionField field = spec.field(sort.get(i).field());
                values.add(field.type().parse(((JsonString) raw.get(i)).getString()));
            }
            values.add(spec.idType().parse(raw.getString(sort.size())));
            return values;
        } catch (IllegalArgumentException | JsonException | ClassCastException | NullPointerException malformed) {
            errors.add(new FieldError("cursor", "is not a cursor this API gave out"));
            return null;
        }
    }

    /** The value at an attribute path of an entity (dots into embedded objects). */
    static Object read(Object entity, String dotted) {
        Object current = entity;
        for (String part : dotted.split("\\.")) {
            current = fieldValue(current, part);
        }
        return current;
    }

    /**
     * Each entity class's fields by attribute name, found once. Looking them up per cursor cost an
     * exception for every attribute declared by a superclass (an entity's id and times): 1.4% of a
     * member search's CPU (2026-12-07, async-profiler).
     */
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static Object fieldValue(Object object, String name) {
        Field field = FIELDS.get(object.getClass()).computeIfAbsent(name, n -> field(object.getClass(), n));
        try {
            return field.get(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> start, String name) {
        for (Class<?> type = start; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    field.setAccessible(true);
                    return field;
                }
            }
        }
        throw new IllegalStateException("no attribute " + name + " on " + start);
    }
}
