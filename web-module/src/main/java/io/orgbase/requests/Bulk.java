package io.orgbase.requests;

import io.orgbase.api.ETags;
import io.orgbase.api.JsonSettings;
import io.orgbase.api.RequestBudget;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.ProblemMapper;
import io.orgbase.problems.Problems;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST .../{collection}/bulk}: a list of create, update and delete operations, each run
 * exactly as its single-item endpoint would run it, with one result per operation. {@code
 * atomic: true} runs them in one transaction — all or nothing, stopping at the first failure —
 * otherwise each commits on its own. At most {@value #MAX_OPERATIONS} operations.
 */
public final class Bulk {

    public static final int MAX_OPERATIONS = 100;

    private Bulk() {}

    /**
     * What a collection does for each kind of operation, each through its single-item endpoint's
     * own code; the operations it is given are the ones it takes, others are refused before any
     * operation runs. Ids are parsed once here: UUIDs ({@link #byUuid()}) or what a collection
     * reads as its keys ({@link #by}).
     *
     * @param <I> the type of the collection's ids
     */
    public static final class Operations<I> {

        private final Function<String, I> ids;
        private Function<InputStream, Response> create;
        private Update<I> update;
        private Delete<I> delete;

        private Operations(Function<String, I> ids) {
            this.ids = ids;
        }

        /** A collection whose items are named by what {@code ids} reads (null: not an id of this collection). */
        public static <I> Operations<I> by(Function<String, I> ids) {
            return new Operations<>(ids);
        }

        /** A collection whose items are named by UUIDs. */
        public static Operations<UUID> byUuid() {
            return new Operations<>(Bulk::uuid);
        }

        /** Creates take the single-item POST's body and answer as it does (201 with a Location). */
        public Operations<I> create(Function<InputStream, Response> create) {
            this.create = create;
            return this;
        }

        /** Updates answer 200 with what the single-item PATCH returns. */
        public Operations<I> update(Update<I> update) {
            this.update = update;
            return this;
        }

        /** Deletes answer 204. */
        public Operations<I> delete(Delete<I> delete) {
            this.delete = delete;
            return this;
        }

        List<String> supported() {
            List<String> supported = new ArrayList<>();
            if (create != null) {
                supported.add("create");
            }
            if (update != null) {
                supported.add("update");
            }
            if (delete != null) {
                supported.add("delete");
            }
            return supported;
        }

        Response apply(Operation operation) {
            return switch (operation.op()) {
                case "create" -> create.apply(stream(operation.body()));
                case "update" -> Response.ok(update.apply(
                                ids.apply(operation.id()), stream(operation.body()), operation.precondition()))
                        .build();
                default -> {
                    delete.apply(ids.apply(operation.id()), operation.precondition());
                    yield Response.noContent().build();
                }
            };
        }
    }

    /** What an update operation does: the single-item PATCH. */
    @FunctionalInterface
    public interface Update<I> {
        Object apply(I id, InputStream body, Precondition precondition);
    }

    /** What a delete operation does: the single-item DELETE. */
    @FunctionalInterface
    public interface Delete<I> {
        void apply(I id, Precondition precondition);
    }

    /** One operation's outcome: its HTTP status and what its endpoint would have answered. */
    public record Result(int index, String op, String id, int status, JsonValue body) {}

    /** The outcome of a bulk request. */
    public record Outcome(boolean atomic, boolean committed, List<Result> results) {}

    private record Operation(String op, String id, JsonObject body, Precondition precondition) {}

    /** The text as a UUID; null when it is not one (a name nothing here has). */
    public static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** The collection a {@code .../bulk} request was sent to, for the {@code Location} of created items. */
    public static UriBuilder collection(UriInfo uri) {
        return uri.getBaseUriBuilder().path(uri.getPath().replaceAll("/bulk/?$", ""));
    }

    /** @throws InvalidInput when the envelope is malformed (no operation has run then) */
    public static Outcome run(InputStream request, Operations<?> operations) {
        JsonBody json = JsonBody.read(request);
        Boolean atomic = json.bool("atomic", JsonBody.Need.OPTIONAL);
        JsonValue list = json.raw("operations");
        json.finish();
        List<Operation> parsed = parse(list, operations);
        // every operation costs what its own request would: the filter charged the first
        RequestBudget.current().charge(parsed.size() - 1);
        boolean allOrNothing = Boolean.TRUE.equals(atomic);
        return allOrNothing ? atomically(parsed, operations) : oneByOne(parsed, operations);
    }

    private static Outcome oneByOne(List<Operation> parsed, Operations<?> operations) {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            results.add(apply(i, parsed.get(i), operations));
        }
        return new Outcome(false, true, results);
    }

    /**
     * All operations in one transaction, which the boundaries join ({@link AllOrNothing}): at the
     * first failure it is rolled back and the others report 424. A failure of the commit itself
     * (a deferred constraint) reaches the problem mapper as the request's answer: nothing was kept.
     */
    private static Outcome atomically(List<Operation> parsed, Operations<?> operations) {
        return CDI.current().select(AllOrNothing.class).get().run(transaction -> {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                Result result = apply(i, parsed.get(i), operations);
                results.add(result);
                if (result.status() >= 400 || transaction.doomed()) {
                    transaction.undo();
                    return new Outcome(true, false, undone(parsed, results, i));
                }
            }
            return new Outcome(true, true, results);
        });
    }

    /** The failed operation keeps its answer; every other one of an atomic request is a 424. */
    private static List<Result> undone(List<Operation> parsed, List<Result> results, int failed) {
        List<Result> undone = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Operation operation = parsed.get(i);
            if (i == failed) {
                undone.add(results.get(i));
                continue;
            }
            undone.add(new Result(
                    i,
                    operation.op(),
                    operation.id(),
                    424,
                    parse(Problems.json(
                            424,
                            "not-applied",
                            (i < failed ? "Undone" : "Not attempted") + ": operation " + failed
                                    + " failed and the bulk request is atomic.",
                            null,
                            null))));
        }
        return undone;
    }

    private static Result apply(int index, Operation operation, Operations<?> operations) {
        Response response;
        try {
            response = operations.apply(operation);
        } catch (RuntimeException failure) {
            response = new ProblemMapper().toResponse(failure);
        }
        return new Result(index, operation.op(), operation.id(), response.getStatus(), body(response.getEntity()));
    }

    private static List<Operation> parse(JsonValue list, Operations<?> operations) {
        List<FieldError> errors = new ArrayList<>();
        List<Operation> parsed = new ArrayList<>();
        if (list == null
                || list.getValueType() != JsonValue.ValueType.ARRAY
                || list.asJsonArray().isEmpty()) {
            throw InvalidInput.field("operations", "must be a non-empty array of operations");
        }
        if (list.asJsonArray().size() > MAX_OPERATIONS) {
            throw InvalidInput.field("operations", "must hold at most " + MAX_OPERATIONS + " operations");
        }
        List<String> supported = operations.supported();
        int index = 0;
        for (JsonValue item : list.asJsonArray()) {
            String at = "operations[" + index++ + "]";
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            JsonObject operation = item.asJsonObject();
            String op = operation.get("op") instanceof JsonString s ? s.getString() : null;
            if (!supported.contains(op)) {
                errors.add(new FieldError(at + ".op", "must be " + oneOf(supported) + " in this collection"));
                continue;
            }
            String id = null;
            if (!op.equals("create")) {
                id = operation.get("id") instanceof JsonString s ? s.getString() : null;
                if (id == null || operations.ids.apply(id) == null) {
                    errors.add(new FieldError(at + ".id", "must be the id of the item to " + op));
                }
            } else if (operation.containsKey("id")) {
                errors.add(new FieldError(at + ".id", "is not allowed on create"));
            }
            JsonValue body = operation.get("body");
            if (op.equals("delete") && body != null) {
                errors.add(new FieldError(at + ".body", "is not allowed on delete"));
            } else if (!op.equals("delete") && (body == null || body.getValueType() != JsonValue.ValueType.OBJECT)) {
                errors.add(new FieldError(at + ".body", "must be the JSON object the single-item endpoint takes"));
            }
            Precondition precondition = Precondition.NONE;
            if (operation.get("ifMatch") instanceof JsonString tag) {
                precondition = ETags.ifMatch(tag.getString());
            } else if (operation.containsKey("ifMatch")) {
                errors.add(new FieldError(at + ".ifMatch", "must be an ETag, as a string"));
            }
            for (String key : operation.keySet()) {
                if (!List.of("op", "id", "body", "ifMatch").contains(key)) {
                    errors.add(new FieldError(at + "." + key, "is not a known field"));
                }
            }
            parsed.add(new Operation(op, id, body instanceof JsonObject object ? object : null, precondition));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return parsed;
    }

    private static String oneOf(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static InputStream stream(JsonObject body) {
        return new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonValue body(Object entity) {
        if (entity == null) {
            return JsonValue.NULL;
        }
        String json =
                entity instanceof String text ? text : JsonSettings.jsonb().toJson(entity);
        return parse(json);
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
