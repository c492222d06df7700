package io.orgbase.api;

import java.util.List;

/** A collection answer. Paging fields join {@code items} as the collection conventions arrive. */
public record Items<T>(List<T> items) {}
