package io.orgbase.api;

import io.orgbase.persistence.Address;
import io.orgbase.requests.AddressRequest;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import java.math.BigDecimal;

/** A postal address as clients see and send it, nested in its owner. */
public record AddressView(
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String country,
        BigDecimal latitude,
        BigDecimal longitude) {

    /** Null for no address. */
    public static AddressView of(Address address) {
        if (address == null) {
            return null;
        }
        return new AddressView(
                address.getLine1(),
                address.getLine2(),
                address.getCity(),
                address.getRegion(),
                address.getPostalCode(),
                address.getCountry(),
                address.getLatitude(),
                address.getLongitude());
    }

    /** The address in field {@code name} of a request (a whole address: absent lines are empty). */
    public static AddressRequest read(JsonBody json, String name, Need need) {
        JsonBody address = json.object(name, need);
        if (address == null) {
            return null;
        }
        return new AddressRequest(
                address.string("line1", Need.NULLABLE),
                address.string("line2", Need.NULLABLE),
                address.string("city", Need.NULLABLE),
                address.string("region", Need.NULLABLE),
                address.string("postalCode", Need.NULLABLE),
                address.string("country", Need.REQUIRED),
                address.decimal("latitude", Need.NULLABLE),
                address.decimal("longitude", Need.NULLABLE));
    }
}
