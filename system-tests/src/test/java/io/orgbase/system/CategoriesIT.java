package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Client.Collection;
import io.orgbase.system.Client.Node;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Categories: the collection added as the worked example of declaring a tenant-owned, extensible
 * tree (docs/architecture.md, "How to add a collection"). Its own rules (slugs, types, sibling
 * names) are tested here; that it takes the shared ones (tree, ETags, tags, custom fields, bulk,
 * audit, isolation, permissions) is tested here too, through the same endpoints every collection has.
 */
class CategoriesIT {

    @Test
    void slugsAreMadeFromNamesAndNamesAreUniqueAmongSiblingsOfOneType() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Collection<Node> categories = owner.in(org).categories();

        Api.Reply cafe = categories.create(json("name", "Café & Bar", "type", "product"));
        assertThat(cafe.status()).as("%s", cafe).isEqualTo(201);
        assertThat(cafe.header("Location")).endsWith("/categories/" + cafe.id());
        JsonObject body = cafe.json();
        assertThat(body.getString("slug")).isEqualTo("cafe-bar");
        assertThat(body.getString("type")).isEqualTo("product");
        assertThat(body.getBoolean("active")).isTrue();
        assertThat(body.getInt("depth")).isEqualTo(1);
        assertThat(body.getInt("version")).isEqualTo(1);

        // the same name as another type is another category; its slug is numbered
        Api.Reply asDocument = categories.create(json("name", "Café & Bar", "type", "document"));
        assertThat(asDocument.status()).as("%s", asDocument).isEqualTo(201);
        assertThat(asDocument.json().getString("slug")).isEqualTo("cafe-bar-2");
        // the same name among the same type's siblings, whatever the case, is not
        assertProblem(categories.create(json("name", "CAFÉ & BAR", "type", "product")), 409);
        // nor is a slug taken in the organization
        assertProblem(categories.create(json("name", "Other", "slug", "cafe-bar", "type", "asset")), 409);
        assertThat(categories
                        .create(json("name", "Other", "slug", "other-things", "type", "asset"))
                        .json()
                        .getString("slug"))
                .isEqualTo("other-things");

        // names without Latin letters or digits take numbered 'category' slugs, as many as there are
        for (int i = 1; i <= 22; i++) {
            Api.Reply named = categories.create(json("name", "Категория " + "ж".repeat(i), "type", "asset"));
            assertThat(named.status()).as("%s", named).isEqualTo(201);
            assertThat(named.json().getString("slug")).isEqualTo(i == 1 ? "category" : "category-" + i);
        }
        assertInvalidFields(categories.create(json("name", "No type")), "type");
        assertInvalidFields(categories.create(json("name", "Odd", "type", "planet")), "type");
        assertInvalidFields(categories.create(json("name", "Odd", "type", "asset", "slug", "Not A Slug")), "slug");
        assertInvalidFields(categories.create(json("name", "", "type", "asset")), "name");
        assertThat(Pages.names(categories.list("type=asset&q=other"))).containsExactly("Other");
        assertThat(Pages.field(categories.list("type=product&type=document&sort=slug"), "slug"))
                .containsExactly("cafe-bar", "cafe-bar-2");
    }

    @Test
    void aTreeThatMovesWithItsSubtreeAndRefusesCycles() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Collection<Node> categories = owner.in(org).categories();
        UUID hardware = categories.created(json("name", "Hardware", "type", "product"));
        UUID tools = categories.created(json("name", "Tools", "type", "product", "parentId", hardware.toString()));
        UUID drills = categories.created(json("name", "Drills", "type", "product", "parentId", tools.toString()));
        UUID garden = categories.created(json("name", "Garden", "type", "product"));

        assertThat(Pages.names(categories.item(hardware).descendants().get())).containsExactly("Drills", "Tools");
        assertThat(Pages.names(categories.item(drills).ancestors().get())).containsExactly("Hardware", "Tools");
        assertThat(categories.item(drills).get().json().getInt("depth")).isEqualTo(3);

        Api.Reply moved = categories.item(tools).update(json("parentId", garden.toString()));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(Pages.names(categories.item(drills).ancestors().get())).containsExactly("Garden", "Tools");
        assertThat(Pages.names(categories.item(hardware).descendants().get())).isEmpty();

        assertInvalidFields(categories.item(garden).update(json("parentId", drills.toString())), "parentId");
        assertInvalidFields(categories.item(garden).update(json("parentId", garden.toString())), "parentId");
        assertProblem(categories.item(garden).delete(), 409);
        assertThat(categories.item(drills).delete().status()).isEqualTo(204);
        assertThat(categories.item(tools).delete().status()).isEqualTo(204);
        assertThat(categories.item(garden).delete().status()).isEqualTo(204);
        assertProblem(categories.item(garden).get(), 404);
    }

    @Test
    void theSharedRulesComeWithTheDeclaration() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session viewer = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "viewer");
        Collection<Node> categories = owner.in(org).categories();
        Fixtures.define(
                owner, org, json("entity", "category", "key", "vatClass", "label", "VAT class", "type", "string"));

        Api.Reply created = categories.create(json(
                "name",
                "Books",
                "type",
                "product",
                "tags",
                List.of("Seasonal"),
                "customFields",
                json("vatClass", "reduced")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        UUID books = created.id();
        assertThat(Pages.tags(created.json())).containsExactly("Seasonal");
        assertThat(created.json().getJsonObject("customFields").getString("vatClass"))
                .isEqualTo("reduced");
        assertInvalidFields(
                categories.create(json("name", "Bad", "type", "product", "customFields", json("vatClass", 7))),
                "customFields.vatClass");
        assertThat(Pages.names(categories.list("tag=seasonal"))).containsExactly("Books");

        // ETags: a current one is a 304, a stale one a 412
        Api.Reply read = categories.item(books).get();
        String etag = read.header("ETag");
        assertThat(categories.item(books).getIfNoneMatch(etag).status()).isEqualTo(304);
        assertThat(categories.item(books).update(json("active", false), etag).status())
                .isEqualTo(200);
        assertProblem(categories.item(books).update(json("active", true), etag), 412);
        assertThat(categories.item(books).get().json().getBoolean("active")).isFalse();

        // renaming the tag changes the record: its version and ETag move
        String beforeRename = categories.item(books).get().header("ETag");
        JsonObject seasonal = Fixtures.tag(owner, org, "Seasonal");
        assertThat(owner.in(org)
                        .tags()
                        .item(seasonal.getString("id"))
                        .update(json("name", "Summer"))
                        .status())
                .isEqualTo(200);
        Api.Reply retagged = categories.item(books).get();
        assertThat(Pages.tags(retagged.json())).containsExactly("Summer");
        assertThat(retagged.header("ETag")).isNotEqualTo(beforeRename);
        assertThat(categories.item(books).getIfNoneMatch(beforeRename).status()).isEqualTo(200);

        // bulk, each operation answered as its own endpoint
        Api.Reply bulk = categories.bulk(json(
                "operations",
                jakarta.json.Json.createArrayBuilder()
                        .add(json("op", "create", "body", json("name", "Music", "type", "product")))
                        .add(json("op", "update", "id", books.toString(), "body", json("description", "Paper")))
                        .add(json("op", "create", "body", json("name", "No type")))
                        .build()));
        assertThat(bulk.status()).as("%s", bulk).isEqualTo(200);
        assertThat(bulk.json().getJsonArray("results").stream()
                        .map(r -> r.asJsonObject().getInt("status"))
                        .toList())
                .containsExactly(201, 200, 400);

        // a viewer reads, and only reads
        assertThat(viewer.in(org).categories().item(books).get().status()).isEqualTo(200);
        assertProblem(viewer.in(org).categories().create(json("name", "Mine", "type", "other")), 403);
        assertProblem(viewer.in(org).categories().item(books).update(json("name", "Mine")), 403);

        // the audit trail has the creation, with the fields as they were
        List<JsonObject> trail = Fixtures.events(owner, org, "entityType=category&entityId=" + books);
        assertThat(trail.stream().map(e -> e.getString("action")).toList()).contains("create", "update");
        assertThat(trail.get(trail.size() - 1)
                        .getJsonObject("changes")
                        .getJsonObject("name")
                        .getString("new"))
                .isEqualTo("Books");
    }

    @Test
    void anotherOrganizationsCategoriesBehaveAsIfThereWereNone() {
        Session owner = Fixtures.newUser();
        Org ours = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID secret = stranger.in(theirs).categories().created(json("name", "Secret", "type", "other"));
        Node foreign = owner.in(ours).categories().item(secret);
        Node missing = owner.in(ours).categories().item(UUID.randomUUID());
        UUID mine = owner.in(ours).categories().created(json("name", "Mine", "type", "other"));

        // every answer about the foreign id is the answer about an id that exists nowhere
        List<java.util.function.Function<Node, Api.Reply>> calls = List.of(
                Node::get,
                node -> node.update(json("name", "Stolen")),
                Node::delete,
                node -> node.descendants().get(),
                node -> node.ancestors().get());
        for (var call : calls) {
            JsonObject viaForeign = assertProblem(call.apply(foreign), 404);
            JsonObject viaMissing = assertProblem(call.apply(missing), 404);
            assertThat(withoutInstance(viaForeign)).isEqualTo(withoutInstance(viaMissing));
        }
        UUID nowhere = UUID.randomUUID();
        for (String parent : List.of(secret.toString(), nowhere.toString())) {
            assertInvalidFields(
                    owner.in(ours).categories().create(json("name", "Child", "type", "other", "parentId", parent)),
                    "parentId");
        }
        Api.Reply underForeign = owner.in(ours).categories().item(mine).update(json("parentId", secret.toString()));
        assertInvalidFields(underForeign, "parentId");
        assertThat(withoutInstance(underForeign.json()))
                .isEqualTo(withoutInstance(owner.in(ours)
                        .categories()
                        .item(mine)
                        .update(json("parentId", nowhere.toString()))
                        .json()));
        assertThat(Pages.names(owner.in(ours).categories().list())).containsExactly("Mine");
        assertThat(Pages.names(owner.in(ours).categories().list("id=" + secret)))
                .isEmpty();
        // slugs are the organization's own: theirs takes nothing from ours
        assertThat(owner.in(ours)
                        .categories()
                        .create(json("name", "Secret", "type", "other"))
                        .json()
                        .getString("slug"))
                .isEqualTo("secret");
        assertThat(stranger.in(theirs).categories().item(secret).get().json().getString("name"))
                .isEqualTo("Secret");
        assertThat(stranger.in(theirs).categories().item(secret).get().json().get("parentId"))
                .isEqualTo(JsonValue.NULL);
    }

    /** A problem document without the members that differ on every answer. */
    private static JsonObject withoutInstance(JsonObject problem) {
        var copy = jakarta.json.Json.createObjectBuilder(problem);
        copy.remove("instance");
        copy.remove("correlationId");
        return copy.build();
    }
}
