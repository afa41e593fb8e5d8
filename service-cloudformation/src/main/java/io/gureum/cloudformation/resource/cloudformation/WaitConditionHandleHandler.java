package io.gureum.cloudformation.resource.cloudformation;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code AWS::CloudFormation::WaitConditionHandle}: {@code Ref} (and {@code Fn::GetAtt Id}, the schema's primary
 * identifier) is the URL a signal is PUT to. On AWS it is
 * a presigned S3 URL; here it is this server's {@code /_gureum/cloudformation/waitcondition/<stack id>/<id>},
 * which takes the same JSON body ({@code {"Status": "SUCCESS", "UniqueId": …, "Data": …, "Reason": …}}).
 */
public final class WaitConditionHandleHandler implements ResourceHandler {
    public static final String PATH = "/_gureum/cloudformation/waitcondition/";

    private final Supplier<URI> endpoint;

    public WaitConditionHandleHandler(Supplier<URI> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String type() {
        return "AWS::CloudFormation::WaitConditionHandle";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        String base = endpoint.get() == null ? "http://localhost:4566" : endpoint.get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String url = base + PATH + URLEncoder.encode(r.stack().stackId(), StandardCharsets.UTF_8) + "/" + r.logicalId()
                + "-" + r.nameSuffix();
        return Created.of(url).attribute("Id", url);
    }

    @Override
    public void delete(ResourceRequest r) {
    }

    /** The signal key of a handle URL: what follows {@link #PATH}. */
    public static String key(String url) {
        int at = url.indexOf(PATH);
        return at < 0 ? null : "handle:" + url.substring(at + PATH.length());
    }
}
