using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Platform;

/// <summary>The app's one HTML encoder and the shared zh-CN page frame (approval pages, forms, the public feed).</summary>
public static class Html
{
    /// <summary>Encodes text for HTML element content and quoted attribute values.</summary>
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>The CJK-friendly font stack pages and emails share; form controls inherit it instead of a monospace default.</summary>
    public const string FontStack =
        "\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif";

    public static ContentResult Result(int status, string title, string body, string? script = null) =>
        new() { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = Document(title, body, script) };

    public static string Document(string title, string body, string? script = null) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        body{font-family:{{FontStack}};max-width:760px;margin:0 auto;padding:16px;color:#222}
        header{border-bottom:3px solid #b3000c;color:#b3000c;font-weight:bold;font-size:18px;padding-bottom:8px;margin-bottom:16px}
        table{border-collapse:collapse;margin:12px 0}td{padding:4px 0;word-break:break-word}
        th{text-align:left;color:#555;font-weight:normal;padding:4px 16px 4px 0;vertical-align:top}
        label{display:block;margin-top:12px;font-weight:bold}
        input,select,textarea{width:100%;box-sizing:border-box;padding:6px;font-size:15px}
        input,select,textarea,button{font-family:inherit}
        .actions{margin-top:16px}button{padding:10px 24px;font-size:16px;margin-right:12px;border:0;border-radius:4px;cursor:pointer}
        button:disabled{opacity:.6;cursor:wait}
        .approve,.primary{background:#b3000c;color:#fff}.reject{background:#555;color:#fff}
        .note{background:#fff4e5;border-left:4px solid #e69500;padding:8px}.ok{background:#eaf7ea;border-left:4px solid #2e7d32;padding:8px}
        .hint{color:#666;font-size:13px}.error{color:#b3000c;font-size:14px}
        </style></head>
        <body><header>区政府政务系统</header><h2>{{E(title)}}</h2>
        {{body}}
        {{(script is null ? "" : $"<script>{script}</script>")}}
        </body></html>
        """;
}
