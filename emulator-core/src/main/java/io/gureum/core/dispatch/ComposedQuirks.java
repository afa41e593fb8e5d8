package io.gureum.core.dispatch;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.spi.ProtocolQuirks;
import java.util.List;

/**
 * The quirks of every registration of one API as one: a claim by any of them counts, codecs are
 * decorated in registration order, the first own wording of an error wins.
 */
final class ComposedQuirks implements ProtocolQuirks {
    private final List<ProtocolQuirks> parts;

    private ComposedQuirks(List<ProtocolQuirks> parts) {
        this.parts = parts;
    }

    static ProtocolQuirks of(List<ProtocolQuirks> quirks) {
        List<ProtocolQuirks> own = quirks.stream().filter(q -> q != null && q != ProtocolQuirks.NONE).toList();
        return own.isEmpty() ? ProtocolQuirks.NONE : own.size() == 1 ? own.get(0) : new ComposedQuirks(own);
    }

    @Override
    public boolean claims(AwsHttpRequest request) {
        return parts.stream().anyMatch(q -> q.claims(request));
    }

    @Override
    public boolean takesUnidentified() {
        return parts.stream().anyMatch(ProtocolQuirks::takesUnidentified);
    }

    @Override
    public ProtocolCodec codec(ProtocolCodec standard) {
        ProtocolCodec codec = standard;
        for (ProtocolQuirks q : parts) {
            codec = q.codec(codec);
        }
        return codec;
    }

    @Override
    public boolean verifiesSignatureVersion2() {
        return parts.stream().anyMatch(ProtocolQuirks::verifiesSignatureVersion2);
    }

    @Override
    public boolean authenticatesItself(AwsHttpRequest request) {
        return parts.stream().anyMatch(q -> q.authenticatesItself(request));
    }

    @Override
    public AwsException unknownAccessKey() {
        for (ProtocolQuirks q : parts) {
            AwsException e = q.unknownAccessKey();
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    @Override
    public AwsException missingAuthentication() {
        for (ProtocolQuirks q : parts) {
            AwsException e = q.missingAuthentication();
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
