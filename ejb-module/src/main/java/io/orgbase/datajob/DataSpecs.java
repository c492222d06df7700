package io.orgbase.datajob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every collection that declares how it is imported, by its name in the API. */
@ApplicationScoped
public class DataSpecs {

    @Inject
    Instance<DataSpec> declared;

    private volatile Map<String, DataSpec> byName;

    public Optional<DataSpec> find(String collection) {
        return Optional.ofNullable(all().get(collection));
    }

    public Map<String, DataSpec> all() {
        Map<String, DataSpec> known = byName;
        if (known == null) {
            Map<String, DataSpec> found = new TreeMap<>();
            for (DataSpec spec : declared) {
                found.put(spec.collection(), spec);
            }
            byName = known = Map.copyOf(found);
        }
        return known;
    }
}
