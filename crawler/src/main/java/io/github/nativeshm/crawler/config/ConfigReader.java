package io.github.nativeshm.crawler.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a whole config file. YAML is parsed into a tree with Jackson and then walked
 * key by key, rather than bound to classes, so that every problem in the file is found in one
 * pass instead of stopping at the first.
 */
final class ConfigReader {
    private static final List<String> TOP_KEYS = List.of("settings", "sources");
    private static final List<String> SETTINGS_KEYS = List.of("userAgent", "perHostDelay", "perHostConcurrency",
            "connectTimeout", "readTimeout", "retries", "backoffBase", "backoffMax", "maxBodySize",
            "maxRedirects", "proxy", "obeyRobots", "defaultCharset");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");
    private static final Pattern USER_AGENT = Pattern.compile("[A-Za-z_-]+[^\r\n]*");
    private static final long MIN_BODY = 1L << 10;
    private static final long MAX_BODY = 1L << 30;

    // A YAML key given twice would otherwise silently keep the last value.
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ConfigReader() {
    }

    static CrawlerConfig read(String text, String file) throws ConfigException {
        final JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(List.of(
                    file + ": not valid YAML" + where + ": " + oneLine(e.getOriginalMessage())));
        }
        final Problems problems = new Problems(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(null, null, "the file is empty; expected the keys " + String.join(", ", TOP_KEYS));
            problems.throwIfAny();
        }
        if (!root.isObject()) {
            problems.add(null, null, "expected a mapping with the keys " + String.join(", ", TOP_KEYS)
                    + ", got " + Fields.describe(root));
            problems.throwIfAny();
        }
        final Fields top = new Fields(root, problems, null, "");
        top.onlyKeys(TOP_KEYS);
        final Settings settings = readSettings(
                top.mapping("settings").map(Fields::node).orElseGet(YAML::createObjectNode), problems);
        final List<SourceConfig> sources = SourceReader.readAll(top, problems);
        problems.throwIfAny();
        return new CrawlerConfig(settings, sources);
    }

    /** SnakeYAML's messages quote the source over several indented lines; keep the unindented sentences. */
    private static String oneLine(String message) {
        return String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .toList());
    }

    private static Settings readSettings(JsonNode block, Problems problems) {
        // Scoped so that messages say "settings: field 'x'" rather than "field 'settings.x'".
        final Fields s = new Fields(block, problems, "settings", "");
        s.onlyKeys(SETTINGS_KEYS);
        final Settings d = Settings.defaults();
        final String userAgent = s.text("userAgent").filter(ua -> checkUserAgent(s, ua)).orElse(d.userAgent());
        final Duration perHostDelay = s.duration("perHostDelay", Duration.ZERO, d.perHostDelay());
        final int perHostConcurrency = s.integer("perHostConcurrency", 1, 16, d.perHostConcurrency());
        final Duration connectTimeout = s.duration("connectTimeout", Duration.ofMillis(1), d.connectTimeout());
        final Duration readTimeout = s.duration("readTimeout", Duration.ofMillis(1), d.readTimeout());
        final int retries = s.integer("retries", 0, 10, d.retries());
        final Duration backoffBase = s.duration("backoffBase", Duration.ofMillis(1), d.backoffBase());
        final Duration backoffMax = s.duration("backoffMax", Duration.ofMillis(1), d.backoffMax());
        if (backoffMax.compareTo(backoffBase) < 0) {
            s.problem("backoffMax", "invalid duration '" + Units.format(backoffMax)
                    + "': must be at least backoffBase, which is '" + Units.format(backoffBase) + "'");
        }
        return new Settings(userAgent, perHostDelay, perHostConcurrency, connectTimeout, readTimeout, retries,
                backoffBase, backoffMax,
                s.parse("maxBodySize", ConfigReader::parseBodySize).orElse(d.maxBodySize()),
                s.integer("maxRedirects", 0, 20, d.maxRedirects()),
                s.parse("proxy", ConfigReader::parseProxy).or(d::proxy),
                s.bool("obeyRobots", d.obeyRobots()),
                s.parse("defaultCharset", ConfigReader::parseCharset).orElse(d.defaultCharset()));
    }

    // robots.txt groups are matched against the leading product token, so there must be one.
    private static boolean checkUserAgent(Fields s, String ua) {
        if (!USER_AGENT.matcher(ua).matches()) {
            s.problem("userAgent", "invalid value '" + ua + "': must be one line starting with a product name "
                    + "of letters, '_' or '-', like '" + Settings.DEFAULT_USER_AGENT + "'");
            return false;
        }
        return true;
    }

    private static long parseBodySize(String text) {
        final long size;
        try {
            size = Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': " + e.getMessage());
        }
        if (size < MIN_BODY || size > MAX_BODY) {
            throw new IllegalArgumentException("invalid size '" + text + "': must be from 1KB to 1GB");
        }
        return size;
    }

    private static InetSocketAddress parseProxy(String text) {
        final Matcher m = HOST_PORT.matcher(text.trim());
        final String rule = "expected host:port, like 'proxy.example.com:3128'";
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid proxy '" + text + "': " + rule);
        }
        final int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid proxy '" + text + "': port must be from 1 to 65535");
        }
        return InetSocketAddress.createUnresolved(m.group(1).replaceAll("^\\[|]$", ""), port);
    }

    private static Charset parseCharset(String text) {
        try {
            return Charset.forName(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid charset '" + text
                    + "': not supported by this JVM; use a name like UTF-8, ISO-8859-1 or windows-1252");
        }
    }
}
