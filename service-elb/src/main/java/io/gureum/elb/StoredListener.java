package io.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A listener as stored; actions are the SDK's {@code Action} shapes as JSON. */
public final class StoredListener {
    public String arn;
    public String loadBalancerArn;
    public Integer port;
    public String protocol;
    public String sslPolicy;
    /** The default certificate first, then those AddListenerCertificates added. */
    public List<String> certificates = new ArrayList<>();
    public JsonNode defaultActions;
    public List<String> alpnPolicy = new ArrayList<>();
    public JsonNode mutualAuthentication;
    public String defaultRuleArn;
    public Map<String, String> attributes = new LinkedHashMap<>();
}
