package io.orgbase.problems;

/** One invalid request field: its name (a JSON pointer-like dotted path) and why it is invalid. */
public record FieldError(String name, String reason) {}
