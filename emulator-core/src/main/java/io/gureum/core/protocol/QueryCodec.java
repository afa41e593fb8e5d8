package io.gureum.core.protocol;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * The awsQuery protocol (IAM, STS, SNS, CloudFormation …) and, with {@code ec2 = true}, its EC2 dialect:
 * form-encoded parameters in, XML out. EC2 numbers every list as {@code Name.N}, wraps no Result
 * element, names lists {@code <xSet><item>} and answers errors in a {@code <Response>} document.
 */
public final class QueryCodec implements ProtocolCodec {
    private final boolean ec2;

    public QueryCodec(boolean ec2) {
        this.ec2 = ec2;
    }

    /** Form parameters from the body of a POST, or from the query string of a GET. */
    static Map<String, List<String>> parameters(AwsHttpRequest request) {
        return request.formParameters();
    }

    @Override
    public ResolvedOperation resolve(ServiceModel model, AwsHttpRequest request) {
        Map<String, List<String>> params = parameters(request);
        List<String> action = params.get("Action");
        if (action == null || action.get(0).isEmpty()) {
            throw new AwsException("MissingAction", "Missing Action", 400);
        }
        OperationModel op = model.operationByWireName(action.get(0));
        if (op == null) {
            throw CommonErrors.invalidAction(action.get(0));
        }
        return new ResolvedOperation(op, Map.of());
    }

    @Override
    public SdkPojo decode(ResolvedOperation resolved, AwsHttpRequest request) {
        SdkPojo builder = resolved.operation().newRequestBuilder();
        FormTree tree = FormTree.of(parameters(request));
        try {
            readStruct(tree, builder, resolved.operation().naming());
        } catch (IllegalArgumentException e) {
            throw CommonErrors.invalidParameterValue(e.getMessage());
        }
        return builder;
    }

    private void readStruct(FormTree node, SdkPojo builder, QueryNaming naming) {
        Class<?> owner = QueryNaming.modelClassOf(builder);
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD && field.location() != MarshallLocation.QUERY_PARAM) {
                continue;
            }
            QueryNaming.Names names = naming.names(owner, field, false);
            FormTree child = node.child(names.name());
            if (child == null) {
                continue;
            }
            Object value = read(child, field, names, naming);
            if (value != null) {
                Pojos.set(field, builder, value);
            }
        }
    }

    private Object read(FormTree node, SdkField<?> field, QueryNaming.Names names, QueryNaming naming) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = Pojos.newBuilder(field);
            readStruct(node, nested, naming);
            return Pojos.build(nested);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            FormTree items = node;
            if (!ec2 && !names.flattened()) {
                items = node.child(names.listMember() != null ? names.listMember() : "member");
                if (items == null) {
                    return node.value != null ? new ArrayList<>() : null; // "Name=" is an empty list
                }
            }
            List<Object> out = new ArrayList<>();
            for (FormTree item : items.numbered(field.locationName())) {
                out.add(read(item, member, QueryNaming.sdkNames(member, false), naming));
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            FormTree entries = names.flattened() || ec2 ? node : node.child("entry");
            Map<String, Object> out = new LinkedHashMap<>();
            if (entries == null) {
                return out;
            }
            for (FormTree entry : entries.numbered(field.locationName())) {
                FormTree k = entry.child(names.mapKey());
                FormTree v = entry.child(names.mapValue());
                if (k != null && k.value != null) {
                    out.put(k.value, v == null ? null
                            : read(v, valueField, QueryNaming.sdkNames(valueField, false), naming));
                }
            }
            return out;
        }
        if (node.value == null) {
            return null;
        }
        return Scalars.parse(field, node.value, TimestampFormatTrait.Format.ISO_8601);
    }

    @Override
    public AwsHttpResponse encode(ServiceModel model, OperationModel operation, SdkPojo response, RequestContext ctx) {
        String action = operation.name();
        XmlWriter w = new XmlWriter().declaration();
        w.start(action + "Response", model.xmlNamespace());
        if (ec2) {
            w.element("requestId", ctx.requestId());
            XmlValues.writeMembers(w, response, TimestampFormatTrait.Format.ISO_8601, true);
        } else {
            if (model.hasEmptyResult(action)) {
                w.empty(action + "Result");
            } else if (!response.sdkFields().isEmpty()) {
                w.start(action + "Result");
                XmlValues.writeMembers(w, response, TimestampFormatTrait.Format.ISO_8601, false, model.queryNaming());
                w.end(action + "Result");
            }
            w.start("ResponseMetadata").element("RequestId", ctx.requestId()).end("ResponseMetadata");
        }
        w.end(action + "Response");
        return new AwsHttpResponse(200).body(w.toBytes()).header("Content-Type", "text/xml");
    }

    @Override
    public AwsHttpResponse encodeError(ServiceModel model, OperationModel operation, AwsError error, RequestContext ctx) {
        XmlWriter w = new XmlWriter().declaration();
        String code = error.queryCode() != null ? error.queryCode() : error.code();
        if (ec2) {
            w.start("Response").start("Errors").start("Error");
            w.element("Code", code);
            w.element("Message", error.message());
            w.end("Error").end("Errors");
            w.element("RequestID", ctx.requestId());
            w.end("Response");
        } else {
            w.start("ErrorResponse", model == null ? null : model.xmlNamespace()).start("Error");
            w.element("Type", error.faultType());
            w.element("Code", code);
            if (error.message() != null) {
                w.element("Message", error.message());
            }
            if (error.modeled() != null) {
                XmlValues.writeMembers(w, error.modeled(), TimestampFormatTrait.Format.ISO_8601, false);
            }
            w.end("Error");
            w.element("RequestId", ctx.requestId());
            w.end("ErrorResponse");
        }
        return new AwsHttpResponse(error.status()).body(w.toBytes()).header("Content-Type", "text/xml");
    }
}
