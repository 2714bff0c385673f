package io.github.javaopenai.internal.engine;

import io.github.javaopenai.internal.Log;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/** Warns once per client when its API key would travel unencrypted beyond this machine. */
public final class PlainHttpWarning {

    private PlainHttpWarning() {
    }

    /** Logs one warning when the settings send a key over plain HTTP to a non-loopback host. */
    public static boolean check(ClientSettings settings, Log log) {
        URI uri = URI.create(settings.baseUrl());
        if (settings.apiKey() == null || !"http".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost())) {
            return false;
        }
        log.log(Level.WARNING, () -> "The API key is sent over plain HTTP to " + uri.getHost()
                + ", where anyone on the network path can read it; use https:// for remote servers");
        return true;
    }

    /** Returns whether the host names this machine, without asking a name server. */
    public static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false; // a host name: resolving it could block or leak, so it is not loopback
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
