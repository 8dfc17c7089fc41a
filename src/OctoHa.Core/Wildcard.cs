using System.Text;
using System.Text.RegularExpressions;

namespace OctoHa
{
    /// <summary>PowerShell-style wildcards (*, ?, [abc], ` escapes), case-insensitive, for -Name filters in the engine.</summary>
    public static class Wildcard
    {
        public static bool HasWildcards(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        public static Regex ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '`' when i + 1 < pattern.Length: sb.Append(Regex.Escape(pattern[++i].ToString())); break;
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '[':
                        int end = pattern.IndexOf(']', i + 1);
                        if (end < 0) { sb.Append(@"\["); break; }
                        sb.Append('[').Append(pattern.Substring(i + 1, end - i - 1).Replace(@"\", @"\\")).Append(']');
                        i = end;
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        public static bool IsMatch(string value, string pattern) => ToRegex(pattern).IsMatch(value);
    }
}
