package bankrisk.provision.report.returns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one font of the Chinese and English PDFs: Noto Sans SC Regular (SIL OFL 1.1), shipped in
 * {@code src/main/resources/fonts/} (see the README there). Embedded as a subset: only the glyphs a document uses,
 * so a report stays tens of kilobytes although the font file is 10 MB; its ToUnicode map makes extracted text read
 * back as the same characters.
 */
public final class CjkFont {

    static final String RESOURCE = "/fonts/NotoSansSC-Regular.ttf";

    /** Read once: parsing is per document, but the file is not read from the jar again. */
    private static volatile byte[] bytes;

    private CjkFont() {
    }

    public static PDType0Font load(PDDocument document) {
        try {
            return PDType0Font.load(document, new ByteArrayInputStream(bytes()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("loading " + RESOURCE + " failed", e);
        }
    }

    private static byte[] bytes() throws IOException {
        byte[] loaded = bytes;
        if (loaded == null) {
            try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException(RESOURCE + " is not on the class path");
                }
                loaded = in.readAllBytes();
            }
            bytes = loaded;
        }
        return loaded;
    }
}
