package io.orgbase.datajob.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A stored file answered as a download, streamed chunk by chunk (each chunk read in its own call). */
final class Downloads {

    /** Chunk {@code n} of the file, or null past its end. */
    @FunctionalInterface
    interface Chunks {
        byte[] chunk(int n);
    }

    private Downloads() {}

    static Response stream(String name, String contentType, long size, Chunks chunks) {
        StreamingOutput body = output -> {
            for (int n = 0; ; n++) {
                byte[] bytes;
                try {
                    bytes = chunks.chunk(n);
                } catch (RuntimeException e) {
                    // the status and length are sent: the client sees a short body, not a second answer
                    throw new IOException("the download broke off at chunk " + n + ": " + e.getMessage(), e);
                }
                if (bytes == null) {
                    return;
                }
                output.write(bytes);
            }
        };
        return Response.ok(body, contentType)
                .header("Content-Length", size)
                .header("Content-Disposition", disposition(name))
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** An attachment, its name as plain ASCII and, for any other characters, RFC 5987 UTF-8. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
