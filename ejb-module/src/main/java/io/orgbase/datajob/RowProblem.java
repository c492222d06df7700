package io.orgbase.datajob;

/** What is wrong with a row: the field (null for the row as a whole) and why. */
public record RowProblem(String field, String message) {}
