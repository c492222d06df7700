package io.orgbase.datajob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Every collection that declares how it is imported or exported, by its name in the API. */
@ApplicationScoped
public class DataSpecs {

    @Inject
    Instance<DataSpec> importable;

    @Inject
    Instance<ExportSpec> exportable;

    private volatile Map<String, DataSpec> imports;

    private volatile Map<String, ExportSpec> exports;

    public Optional<DataSpec> find(String collection) {
        return Optional.ofNullable(all().get(collection));
    }

    /** The importable collections. */
    public Map<String, DataSpec> all() {
        Map<String, DataSpec> known = imports;
        if (known == null) {
            imports = known = byName(importable, DataSpec::collection);
        }
        return known;
    }

    public Optional<ExportSpec> findExport(String collection) {
        return Optional.ofNullable(exports().get(collection));
    }

    /** The exportable collections. */
    public Map<String, ExportSpec> exports() {
        Map<String, ExportSpec> known = exports;
        if (known == null) {
            exports = known = byName(exportable, ExportSpec::collection);
        }
        return known;
    }

    private static <T> Map<String, T> byName(Instance<T> declared, Function<T, String> name) {
        Map<String, T> found = new TreeMap<>();
        for (T spec : declared) {
            found.put(name.apply(spec), spec);
        }
        return Map.copyOf(found);
    }
}
