package dev.foresight.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;

/** The plain-text log encoder, masking each finished line (message and stack trace alike). */
public class MaskingPatternLayoutEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        var charset = getCharset() == null ? StandardCharsets.UTF_8 : getCharset();
        return LogMasking.mask(new String(super.encode(event), charset)).getBytes(charset);
    }
}
