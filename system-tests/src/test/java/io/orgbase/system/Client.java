package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The Orgbase API as nested resources, in the style of Keycloak's admin client
 * ({@code keycloak.realm(r).users().get(id)}): a test says which resource it calls —
 * {@code owner.in(org).departments().item(id).descendants().list("sort=name")} — and the paths are
 * written once, here. Answers stay {@link Api.Reply}s, so that a test can assert on a status or a
 * problem as easily as on a body.
 */
final class Client {

    private final Api api;

    Client(Api api) {
        this.api = api;
    }

    Api api() {
        return api;
    }

    Collection<Organization> orgs() {
        return new Collection<>(api, "/api/v1/orgs", Organization::new);
    }

    Organization org(String reference) {
        return new Organization(api, "/api/v1/orgs/" + reference);
    }

    Resource me() {
        return new Resource(api, "/api/v1/me");
    }

    Collection<Item> users() {
        return new Collection<>(api, "/api/v1/admin/users", Item::new);
    }

    Collection<Item> organizationTypes() {
        return new Collection<>(api, "/api/v1/organization-types", Item::new);
    }

    Collection<Item> statuses() {
        return new Collection<>(api, "/api/v1/statuses", Item::new);
    }

    Collection<Item> currencies() {
        return new Collection<>(api, "/api/v1/currencies", Item::new);
    }

    /** Any resource of the API: a path and the caller who calls it. */
    static class Resource {

        final Api api;
        private final String path;

        Resource(Api api, String path) {
            this.api = api;
            this.path = path;
        }

        String path() {
            return path;
        }

        Api.Reply get() {
            return api.get(path);
        }

        /** A GET with a query string ({@code "sort=-name&limit=5"}). */
        Api.Reply get(String query) {
            return api.get(query.isEmpty() ? path : path + "?" + query);
        }

        Api.Reply post(JsonObject body) {
            return api.post(path, body);
        }

        /** A POST of JSON text as it is (malformed bodies, arrays, exact bytes). */
        Api.Reply post(String json) {
            return api.post(path, json);
        }

        Api.Reply patch(JsonObject body) {
            return api.patch(path, body);
        }

        Api.Reply put(JsonObject body) {
            return api.put(path, body);
        }

        Api.Reply delete() {
            return api.delete(path);
        }

        /** A resource below this one. */
        Resource at(String relative) {
            return new Resource(api, path + "/" + relative);
        }

        <R> R at(String relative, BiFunction<Api, String, R> kind) {
            return kind.apply(api, path + "/" + relative);
        }
    }

    /** A collection: list, create, bulk, and its items. */
    static class Collection<I extends Item> extends Resource {

        private final BiFunction<Api, String, I> items;

        Collection(Api api, String path, BiFunction<Api, String, I> items) {
            super(api, path);
            this.items = items;
        }

        Api.Reply list() {
            return get();
        }

        Api.Reply list(String query) {
            return get(query);
        }

        Api.Reply create(JsonObject body) {
            return post(body);
        }

        Api.Reply create(String json) {
            return post(json);
        }

        /** Creates, insists on 201, and answers the new record's id. */
        UUID created(JsonObject body) {
            Api.Reply reply = create(body);
            assertThat(reply.status()).as("create in %s: %s", path(), reply).isEqualTo(201);
            return reply.id();
        }

        Api.Reply bulk(JsonObject body) {
            return api.post(path() + "/bulk", body);
        }

        Api.Reply bulk(String json) {
            return api.post(path() + "/bulk", json);
        }

        I item(Object id) {
            return items.apply(api, path() + "/" + id);
        }
    }

    /** One record: read, change, delete, optionally under an ETag precondition. */
    static class Item extends Resource {

        Item(Api api, String path) {
            super(api, path);
        }

        Api.Reply update(JsonObject body) {
            return patch(body);
        }

        Api.Reply update(JsonObject body, String ifMatch) {
            return api.withHeader("If-Match", ifMatch).patch(path(), body);
        }

        Api.Reply delete(String ifMatch) {
            return api.withHeader("If-Match", ifMatch).delete(path());
        }

        Api.Reply getIfNoneMatch(String etag) {
            return api.withHeader("If-None-Match", etag).get(path());
        }
    }

    /** {@code /orgs/{org}} and everything in it. */
    static final class Organization extends Item {

        Organization(Api api, String path) {
            super(api, path);
        }

        Collection<Department> departments() {
            return at("departments", (a, p) -> new Collection<>(a, p, Department::new));
        }

        Collection<Node> categories() {
            return at("categories", (a, p) -> new Collection<>(a, p, Node::new));
        }

        Collection<Team> teams() {
            return at("teams", (a, p) -> new Collection<>(a, p, Team::new));
        }

        Collection<Item> members() {
            return plain("members");
        }

        Collection<Item> invitations() {
            return plain("invitations");
        }

        Collection<Item> contacts() {
            return plain("contacts");
        }

        Collection<Item> customFields() {
            return plain("custom-fields");
        }

        Collection<Item> roles() {
            return plain("roles");
        }

        Collection<Item> tags() {
            return plain("tags");
        }

        Collection<Item> apiKeys() {
            return plain("api-keys");
        }

        Collection<Item> auditEvents() {
            return plain("audit-events");
        }

        Collection<Item> features() {
            return plain("features");
        }

        Resource settings() {
            return at("settings");
        }

        Resource status() {
            return at("status");
        }

        Resource analytics() {
            return at("analytics");
        }

        Resource children() {
            return at("children");
        }

        Resource descendants() {
            return at("descendants");
        }

        Resource ancestors() {
            return at("ancestors");
        }

        private Collection<Item> plain(String name) {
            return at(name, (a, p) -> new Collection<>(a, p, Item::new));
        }
    }

    /** A record of a tree collection: its subtree and its ancestors. */
    static class Node extends Item {

        Node(Api api, String path) {
            super(api, path);
        }

        Resource descendants() {
            return at("descendants");
        }

        Resource ancestors() {
            return at("ancestors");
        }
    }

    /** A department, its subtree and its members. */
    static final class Department extends Node {

        Department(Api api, String path) {
            super(api, path);
        }

        Resource members() {
            return at("members");
        }
    }

    /** A team and its members (by user id). */
    static final class Team extends Item {

        Team(Api api, String path) {
            super(api, path);
        }

        Collection<Item> members() {
            return at("members", (a, p) -> new Collection<>(a, p, Item::new));
        }
    }
}
