package io.orgbase.collections;

import java.util.List;

/**
 * A filter as the client wrote it: {@code and}/{@code or} of conditions, {@code not}, or a test of
 * one field. Values are still raw (string, number, boolean, list, null); the collection's
 * declaration decides whether field, operator and value fit.
 */
public sealed interface Condition {

    record All(List<Condition> conditions) implements Condition {}

    record Any(List<Condition> conditions) implements Condition {}

    record Not(Condition condition) implements Condition {}

    record Test(String field, String op, Object value) implements Condition {}
}
