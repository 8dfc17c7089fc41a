using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OctoHa.Build
{
    /// <summary>
    /// Reads a PowerShell data file (.psd1) without PowerShell: hashtables, arrays, quoted strings, numbers and
    /// $true/$false/$null, with comments. Enough for module manifests; expressions are refused, not guessed at.
    /// </summary>
    public sealed class PsdFile
    {
        private readonly string _text;
        private int _pos;

        private PsdFile(string text) => _text = text;

        /// <summary>Parses the top-level hashtable. Keys compare case-insensitively, as PowerShell's do.</summary>
        public static Dictionary<string, object?> Parse(string text)
        {
            var reader = new PsdFile(text);
            reader.Skip();
            var table = reader.ReadHashtable();
            reader.Skip();
            if (reader._pos < text.Length) throw reader.Error("unexpected text after the closing '}'");
            return table;
        }

        private object? ReadValue()
        {
            Skip();
            if (Peek("@{")) return ReadHashtable();
            if (Peek("@(")) return ReadArray();
            char c = Current;
            if (c == '\'') return ReadSingleQuoted();
            if (c == '"') return ReadDoubleQuoted();
            if (c == '$') return ReadVariable();
            if (char.IsDigit(c) || c == '-' || c == '.') return ReadNumber();
            throw Error($"unexpected '{c}'");
        }

        private Dictionary<string, object?> ReadHashtable()
        {
            Expect("@{");
            var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                Skip();
                if (TryTake('}')) return table;
                string key = Current == '\'' ? ReadSingleQuoted() : Current == '"' ? ReadDoubleQuoted() : ReadBareWord();
                Skip();
                Expect("=");
                table[key] = ReadValue();
                Skip();
                TryTake(';');
            }
        }

        private List<object?> ReadArray()
        {
            Expect("@(");
            var items = new List<object?>();
            while (true)
            {
                Skip();
                if (TryTake(')')) return items;
                items.Add(ReadValue());
                Skip();
                TryTake(',');
            }
        }

        private string ReadSingleQuoted()
        {
            Expect("'");
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char c = _text[_pos++];
                if (c == '\'')
                {
                    if (_pos < _text.Length && _text[_pos] == '\'') { sb.Append('\''); _pos++; continue; }
                    return sb.ToString();
                }
                sb.Append(c);
            }
        }

        private string ReadDoubleQuoted()
        {
            Expect("\"");
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char c = _text[_pos++];
                if (c == '"') return sb.ToString();
                if (c == '$') throw Error("variables inside double-quoted strings are not allowed in a data file");
                if (c == '`' && _pos < _text.Length) { sb.Append(_text[_pos++]); continue; }
                sb.Append(c);
            }
        }

        private object? ReadVariable()
        {
            string word = ReadBareWord(1);
            switch (word.ToLowerInvariant())
            {
                case "true": return true;
                case "false": return false;
                case "null": return null;
                default: throw Error($"variable ${word} is not allowed in a data file");
            }
        }

        private object ReadNumber()
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsDigit(Current) || Current == '.' || Current == '-')) _pos++;
            string s = _text.Substring(start, _pos - start);
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
            throw Error($"'{s}' is not a number");
        }

        private string ReadBareWord(int skip = 0)
        {
            _pos += skip;
            int start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(Current) || Current == '_' || Current == '.')) _pos++;
            if (_pos == start) throw Error("expected a name");
            return _text.Substring(start, _pos - start);
        }

        // Whitespace, newlines, # line comments and <# block comments #>.
        private void Skip()
        {
            while (_pos < _text.Length)
            {
                if (char.IsWhiteSpace(Current)) { _pos++; continue; }
                if (Peek("<#"))
                {
                    int end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                    if (end < 0) throw Error("unterminated block comment");
                    _pos = end + 2;
                    continue;
                }
                if (Current == '#')
                {
                    while (_pos < _text.Length && Current != '\n') _pos++;
                    continue;
                }
                return;
            }
        }

        private char Current => _pos < _text.Length ? _text[_pos] : '\0';

        private bool Peek(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

        private bool TryTake(char c)
        {
            if (Current != c) return false;
            _pos++;
            return true;
        }

        private void Expect(string s)
        {
            if (!Peek(s)) throw Error($"expected '{s}'");
            _pos += s.Length;
        }

        private FormatException Error(string what)
        {
            int line = 1;
            for (int i = 0; i < _pos && i < _text.Length; i++) if (_text[i] == '\n') line++;
            return new FormatException($"Data file line {line}: {what}.");
        }
    }
}
