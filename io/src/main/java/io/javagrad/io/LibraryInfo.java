package io.javagrad.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of Javagrad that saved files record. */
public final class LibraryInfo {
    private static final String VERSION = load();

    private LibraryInfo() {}

    /** The library version, e.g. {@code 0.1.0-SNAPSHOT} (recorded by the build). */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryInfo.class.getResourceAsStream("javagrad.properties")) {
            if (in == null) {
                throw new IllegalStateException("javagrad.properties is missing from the io module");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
