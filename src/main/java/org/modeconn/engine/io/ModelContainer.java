package org.modeconn.engine.io;

import org.modeconn.engine.record.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.modeconn.engine.InvalidInputException;

/**
 * The one binary container behind network, curve and ensemble files: a magic, a format version, a JSON
 * header, named float32 arrays, and a SHA-256 of everything before it. Sizes in the header are checked
 * against the file's length before any array is allocated; a truncated or altered file is refused; writes
 * go to a temporary file that is renamed into place, so an interrupted write never leaves half a file.
 *
 * <pre>
 * offset 0      8 bytes   ASCII "MODECONN"
 * offset 8      int32 BE  format version (2; 1 before feature names were stored)
 * offset 12     int32 BE  header length H (1 .. 64 MiB)
 * offset 16     H bytes   UTF-8 JSON header; its "kind" says what the file is and its "arrays" lists
 *                         {"name", "length"} of every array in payload order
 * offset 16+H   payload   each array as length × float32, little-endian
 * end − 32      32 bytes  SHA-256 of all preceding bytes
 * </pre>
 */
public final class ModelContainer {

    /** The current format version; readers accept this and older versions. */
    public static final int FORMAT_VERSION = 2;

    private static final byte[] MAGIC = "MODECONN".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = 16;
    private static final int DIGEST = 32;
    private static final int MAX_HEADER = 64 << 20;

    private final ObjectNode header;
    private final Map<String, float[]> arrays;

    /**
     * @param header the JSON header (its "kind" field must be set; "arrays" is written by this class)
     * @param arrays the named arrays, in payload order
     */
    public ModelContainer(ObjectNode header, Map<String, float[]> arrays) {
        this.header = header;
        this.arrays = new LinkedHashMap<>(arrays);
    }

    /** The JSON header. */
    public ObjectNode header() {
        return header;
    }

    /** The array called {@code name}, or null. */
    public float[] array(String name) {
        return arrays.get(name);
    }

    /** The bytes of the file format, as {@link #write} writes them and {@link #decode} reads them. */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeTo(OutputStream raw) throws IOException {
        ObjectNode h = header.deepCopy();
        h.put("formatVersion", FORMAT_VERSION);
        ArrayNode list = h.putArray("arrays");
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            list.addObject().put("name", e.getKey()).put("length", e.getValue().length);
        }
        byte[] headerBytes = Json.MAPPER.writeValueAsBytes(h);
        MessageDigest sha = sha256();
        DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16), sha);
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.BIG_ENDIAN);
        prefix.put(MAGIC).putInt(FORMAT_VERSION).putInt(headerBytes.length);
        out.write(prefix.array());
        out.write(headerBytes);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : arrays.values()) {
            for (float v : a) {
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(v);
            }
        }
        out.write(chunk.array(), 0, chunk.position());
        out.on(false);
        out.write(sha.digest());
        out.flush();
    }

    /** Writes atomically: a temporary file beside {@code file}, flushed to disk, then renamed over it. */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                writeTo(raw);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            keepPermissions(tmp, file);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("The file '" + file + "' cannot be written: permission denied.", e,
                "Choose a folder you can write to.");
        } catch (IOException e) {
            throw new InvalidInputException("The file '" + file + "' could not be written: " + e.getMessage() + ".", e,
                "Check that the folder exists, is writable and has free space.");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The temporary file is named as such; leaving it is harmless.
                }
            }
        }
    }

    /**
     * Temporary files are created readable by their owner only; the renamed file should look like any
     * other file the user writes: the old file's permissions, or rw-r--r--.
     */
    private static void keepPermissions(Path tmp, Path file) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(file) ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    /**
     * Reads and verifies a container.
     *
     * @param file the file
     * @param expectedKind the "kind" the caller needs ("network", "curve", "ensemble")
     */
    public static ModelContainer read(Path file, String expectedKind) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 64L) {
                throw new InvalidInputException("The file '" + file + "' is " + size + " bytes, larger than this version "
                    + "can read.", "Use a smaller network or split the ensemble.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The file '" + file + "' does not exist.", e, "Check the path.");
        } catch (IOException e) {
            throw new InvalidInputException("The file '" + file + "' could not be read: " + e.getMessage() + ".", e,
                "Check that it exists and is readable.");
        }
        return decode(bytes, file.toString(), expectedKind);
    }

    /** Decodes and verifies container bytes; {@code name} names them in messages. */
    public static ModelContainer decode(byte[] bytes, String name, String expectedKind) {
        String what = "a " + expectedKind + " file of this tool";
        if (bytes.length < PREFIX + DIGEST + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidInputException("'" + name + "' is not " + what + " (it does not start with MODECONN).",
                "Give a file written by this tool's " + expectedKind + " output.");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        b.position(MAGIC.length);
        int version = b.getInt();
        int headerLength = b.getInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new InvalidInputException("'" + name + "' has format version " + version + "; this version of the tool "
                + "reads versions 1 to " + FORMAT_VERSION + ".", "Open it with a newer version of the tool.");
        }
        if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > bytes.length - PREFIX - DIGEST) {
            throw damaged(name, "its header length " + headerLength + " does not fit the file's " + bytes.length
                + " bytes");
        }
        MessageDigest sha = sha256();
        sha.update(bytes, 0, bytes.length - DIGEST);
        byte[] expected = Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length);
        if (!MessageDigest.isEqual(sha.digest(), expected)) {
            throw damaged(name, "its checksum does not match its content (it was truncated or altered)");
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(new String(bytes, PREFIX, headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw damaged(name, "its header is not valid JSON");
        }
        if (!(parsed instanceof ObjectNode h)) {
            throw damaged(name, "its header is not a JSON object");
        }
        String kind = h.path("kind").asText("");
        if (!kind.equals(expectedKind)) {
            throw new InvalidInputException("'" + name + "' is a " + (kind.isEmpty() ? "unknown" : kind)
                + " file, not a " + expectedKind + " file.", "Give a " + expectedKind + " file here.");
        }
        long payload = (long) bytes.length - PREFIX - headerLength - DIGEST;
        Map<String, float[]> arrays = new LinkedHashMap<>();
        long total = 0;
        for (JsonNode a : h.path("arrays")) {
            long len = a.path("length").asLong(-1);
            if (len < 0 || len > payload / 4 || total + len * 4 > payload) {
                throw damaged(name, "its array '" + a.path("name").asText() + "' does not fit in the file");
            }
            total += len * 4;
        }
        if (total != payload) {
            throw damaged(name, "its arrays take " + total + " bytes but the file holds " + payload);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, PREFIX + headerLength, (int) payload).slice()
            .order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode a : h.path("arrays")) {
            float[] values = new float[(int) a.path("length").asLong()];
            data.asFloatBuffer().get(values);
            data.position(data.position() + values.length * 4);
            arrays.put(a.path("name").asText(), values);
        }
        return new ModelContainer(h, arrays);
    }

    private static InvalidInputException damaged(String name, String why) {
        return new InvalidInputException("'" + name + "' is damaged: " + why + ".",
            "Use an intact copy of the file, or produce it again.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
