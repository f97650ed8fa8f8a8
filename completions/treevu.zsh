#compdef treevu

autoload -U is-at-least

_treevu() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu_commands" \
"*::: :->treevu" \
&& ret=0
    case $state in
    (treevu)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-command-$line[1]:"
        case $line[1] in
            (connect)
_arguments "${_arguments_options[@]}" : \
'--port=[Port of the local callback server on 127.0.0.1 \[default\: any free port\]]:N:_default' \
'--timeout=[Seconds to wait for the browser]:SECS:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--no-browser[Do not open a browser; print the address to open elsewhere (also implied over SSH or with no display)]' \
'--api-key-stdin[Autofact\: read the API key from the first line of stdin instead of a hidden prompt]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':marketplace -- olx, inmuebles24 or autofact:_default' \
&& ret=0
;;
(auth)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-auth-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':marketplace -- olx, inmuebles24 or autofact:_default' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':marketplace -- olx, inmuebles24 or autofact:_default' \
&& ret=0
;;
(llm-key)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stdin[Read the key from the first line of stdin instead of a hidden prompt]' \
'(--stdin)--delete[Forget the saved key instead]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(client-secret)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stdin[Read the secret from the first line of stdin instead of a hidden prompt]' \
'(--stdin)--delete[Forget the saved secret instead (treevu is a public client again)]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':marketplace -- olx or inmuebles24:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__auth__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-auth-help-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(llm-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(client-secret)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(profiles)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(merchants)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__merchants_commands" \
"*::: :->merchants" \
&& ret=0

    case $state in
    (merchants)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-merchants-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The merchant'\''s name:_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- The merchant'\''s name:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__merchants__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-merchants-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(operator)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-operator-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rotate-key)
_arguments "${_arguments_options[@]}" : \
'--new-key-file=[The new key\: a file (mode 600) holding 32 random bytes in base64]:FILE:_files' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__operator__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-operator-help-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rotate-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
'--max-wait=[Longest wait for the hourly rate window to reset before stopping with a checkpoint]:SECS:_default' \
'--concurrency=[Pages fetched at once]:N:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--all[Every connected account]' \
'--full[Ignore the incremental cursor\: pull everything and mark what vanished as removed]' \
'--due[Only accounts whose sync interval has passed (for cron\: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)]' \
'--all-profiles[Every merchant profile in turn, each within its own budgets]' \
'--wait[If another treevu is syncing the same account, wait for it instead of exiting with code 5]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::marketplaces -- Marketplaces to sync (default with --all\: every connected account):_default' \
":: :_treevu__subcmd__sync_commands" \
"*::: :->sync" \
&& ret=0

    case $state in
    (sync)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sync-command-$line[2]:"
        case $line[2] in
            (status)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__sync__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sync-help-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(schedule)
_arguments "${_arguments_options[@]}" : \
'--every=[Minutes between checks; each account still syncs only when its interval has passed]:EVERY:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'(--systemd)--cron[A crontab line (the default)]' \
'--systemd[A systemd user service and timer]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(watch)
_arguments "${_arguments_options[@]}" : \
'--check-every=[Seconds between checks for accounts that are due]:CHECK_EVERY:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(worker)
_arguments "${_arguments_options[@]}" : \
'--concurrency=[Accounts synced at once]:N:_default' \
'--lease-seconds=[How long a claimed account stays this worker'\''s without a renewal]:S:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--once[Sync what is due now and exit (non-zero if an account failed)]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(recommend)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--apply[Send the recommended price to the marketplace (shows old → new and asks first)]' \
'-y[With --apply\: do not ask for confirmation]' \
'--yes[With --apply\: do not ask for confirmation]' \
'--dry-run[With --apply\: show the request that would be sent and send nothing]' \
'--force[With --apply\: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)]' \
'--all-twins[With --apply\: send the price to each twin on the other marketplaces too, in its own currency at pricing.pen_per_usd]' \
'--explain[Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in the language of the run; treevu'\''s numbers stand]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Listing ids from '\''treevu listings'\'' (e.g. olx\:123); '\''-'\'' reads them from stdin:_default' \
&& ret=0
;;
(estimate)
_arguments "${_arguments_options[@]}" : \
'--kind=[What to price (with --input, recognised from the file'\''s columns when not given)]:KIND:(property vehicle)' \
'(--district --brand)--input=[A CSV of items (columns as in docs/pricing.md; a price column is ignored); one result per row, in order]:FILE.csv:_files' \
'--id=[Id shown in the result]:ID:_default' \
'--operation=[sale or rent]:OPERATION:_default' \
'--property-type=[apartment, house, land or commercial]:PROPERTY_TYPE:_default' \
'--district=[]:DISTRICT:_default' \
'--zone=[]:ZONE:_default' \
'--area=[Total area in m²]:AREA:_default' \
'--bedrooms=[]:BEDROOMS:_default' \
'--bathrooms=[]:BATHROOMS:_default' \
'--parking=[]:PARKING:_default' \
'--brand=[]:BRAND:_default' \
'--model=[]:MODEL:_default' \
'--year=[]:YEAR:_default' \
'--mileage=[Odometer in km]:MILEAGE:_default' \
'--transmission=[]:TRANSMISSION:_default' \
'--fuel-type=[]:FUEL_TYPE:_default' \
'--condition=[excellent, good, fair or poor]:CONDITION:_default' \
'--title=[Listing title (words such as "estreno" or "vista al mar" count)]:TITLE:_default' \
'--currency=[Currency to answer in (default\: PEN for properties, USD for vehicles)]:CURRENCY:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(market)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__market_commands" \
"*::: :->market" \
&& ret=0

    case $state in
    (market)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-market-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
'--kind=[What the file holds (recognised from its columns when not given)]:KIND:(property vehicle)' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':file -- The CSV file (`-` for stdin); columns as in docs/pricing.md:_files' \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':listing -- A synced property listing (e.g. inmuebles24\:I24-12):_default' \
&& ret=0
;;
(facts)
_arguments "${_arguments_options[@]}" : \
'--properties=[Homes file (columns of lima-properties.csv)]:FILE.csv:_files' \
'--vehicles=[Cars file (columns of vehicles.csv)\: Lima rows give the levels, others only the age curve]:FILE.csv:_files' \
'--out=[Write the table here (default\: stdout); crates/pricing/src/lima_facts.json is the one compiled in]:FILE.json:_files' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__market__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-market-help-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(facts)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(valuation)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::vehicles -- Synced vehicle listings (e.g. autofact\:AF-12); '\''-'\'' reads them from stdin:_default' \
&& ret=0
;;
(readiness)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Listing ids (default\: every listing on the market); '\''-'\'' reads them from stdin:_default' \
&& ret=0
;;
(forecast)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Listing ids (e.g. olx\:123); '\''-'\'' reads them from stdin:_default' \
&& ret=0
;;
(backtest)
_arguments "${_arguments_options[@]}" : \
'--kind=[Which pool to test]:KIND:(property vehicle)' \
'--input=[A labelled CSV (with prices) to price against the pool, instead of k-fold over the pool]:FILE.csv:_files' \
'--folds=[Folds of the cross-validation over the pool]:FOLDS:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(listings)
_arguments "${_arguments_options[@]}" : \
'-m+[Only this marketplace]:MARKETPLACE:_default' \
'--marketplace=[Only this marketplace]:MARKETPLACE:_default' \
'-s+[Only listings with this status (active, sold, rented, removed)]:STATUS:_default' \
'--status=[Only listings with this status (active, sold, rented, removed)]:STATUS:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--all[Include listings no longer found at the marketplace]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(listing)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__listing_commands" \
"*::: :->listing" \
&& ret=0

    case $state in
    (listing)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-listing-command-$line[1]:"
        case $line[1] in
            (update)
_arguments "${_arguments_options[@]}" : \
'--price=[New price in the listing'\''s currency, e.g. 285000 or 285,000.50]:PRICE:_default' \
'--title=[New title (5 to 255 characters)]:TEXT:_default' \
'--description=[New description (OLX and Inmuebles24)]:TEXT:_default' \
'--status=[New status]:STATUS:(active sold rented removed)' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--dry-run[Print the request that would be sent (method, path, body) and send nothing]' \
'--all-twins[With --price\: the same price for each twin on the other marketplaces, in its own currency at pricing.pen_per_usd]' \
'--force[With --all-twins\: send a twin'\''s price even when it changes more than apply.max_change (20%)]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':listing -- The listing, as <marketplace>\:<id> (see '\''treevu listings'\''); '\''-'\'' reads it from stdin:_default' \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
'-m+[Where to publish]:MARKETPLACE:_default' \
'--marketplace=[Where to publish]:MARKETPLACE:_default' \
'--from-file=[The listing as JSON in the marketplace'\''s shape (docs/cli.md); '\''-'\'' reads stdin]:FILE:_files' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--dry-run[Print the request that would be sent and send nothing]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--dry-run[Print the request that would be sent and send nothing]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':listing -- The listing, as <marketplace>\:<id> (see '\''treevu listings'\''); '\''-'\'' reads it from stdin:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__listing__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-listing-help-command-$line[1]:"
        case $line[1] in
            (update)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(crosslist)
_arguments "${_arguments_options[@]}" : \
'*--to=[Where to publish them (homes\: inmuebles24, olx; cars\: autofact, olx); repeat for several]:MARKETPLACE:_default' \
'*--set=[A field the target needs and the source lacks, or a value to use instead (e.g. address="Av. Larco 1150")]:KEY=VALUE:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--dry-run[Print the requests that would be sent and send nothing]' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Listings to publish elsewhere, as <marketplace>\:<id>; '\''-'\'' reads them from stdin:_default' \
&& ret=0
;;
(leads)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--offline[Show only what is stored; do not fetch fresh leads for the listings given]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Only leads of these Inmuebles24 listings (inmuebles24\:<id>); '\''-'\'' reads ids from stdin:_default' \
&& ret=0
;;
(conversations)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--unread[Only conversations with unread messages]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::listings -- Only conversations about these OLX listings (olx\:<id>); '\''-'\'' reads ids from stdin:_default' \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
'--html=[Also write the report as one self-contained HTML file with charts]:FILE:_files' \
'--limit=[Rows of the ranking shown on the terminal (JSON and HTML hold more)]:N:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(twins)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--stats[Compare each item'\''s views, contacts (leads) and favorites per day across its marketplaces]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__twins_commands" \
"*::: :->twins" \
&& ret=0

    case $state in
    (twins)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-twins-command-$line[1]:"
        case $line[1] in
            (link)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':a -- One listing, as <marketplace>\:<id> (see '\''treevu listings'\''):_default' \
':b -- Its twin on another marketplace:_default' \
&& ret=0
;;
(unlink)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':a -- One listing, as <marketplace>\:<id>:_default' \
':b -- The listing it was linked to:_default' \
&& ret=0
;;
(policy)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::policy -- off\: nothing; ask\: print the commands that take the other twins down; auto\: take them down:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__twins__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-twins-help-command-$line[1]:"
        case $line[1] in
            (link)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unlink)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(policy)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_treevu__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sandbox-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
'--port=[Port on 127.0.0.1 (0\: any free port)]:PORT:_default' \
'--seed=[Seed of the generated data\: the same seed serves the same records byte for byte]:SEED:_default' \
'--listings=[The demo merchant'\''s listings per marketplace]:N:_default' \
'--market=[Other sellers'\'' listings behind the market endpoints]:N:_default' \
'--latency-ms=[Delay added to every marketplace answer, in milliseconds]:MS:_default' \
'--error-rate=[Share of API answers that fail with 500/502/503 (0 to 1)]:SHARE:_default' \
'--malformed-rate=[Share of the merchant'\''s records served breaking the spec'\''s validation (0 to 1)]:SHARE:_default' \
'--rate-limit=[Requests per window and account, for all three marketplaces \[default\: the spec'\''s hourly limits\]]:N:_default' \
'--rate-window-secs=[Length of a rate-limit window in seconds \[default\: 3600\]]:S:_default' \
'--token-ttl-secs=[Lifetime of access tokens, in seconds]:S:_default' \
'--client-auth=[How the OAuth token endpoints authenticate the app\: public (PKCE only), or a confidential client by HTTP Basic or by the secret in the form, as production servers do]:HOW:((public\:"A public client\: \`client_id\` in the form; PKCE proves the rest"
basic\:"A confidential client with HTTP Basic (\`client_secret_basic\`)"
post\:"A confidential client with the secret in the form (\`client_secret_post\`)"))' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--auto-approve[Approve OAuth authorizations at once, without the consent page]' \
'--churn[Move the market between calls\: engagement, prices, sales, removals, new listings]' \
'--live-dates[Date the generated listings as of now instead of a fixed day (a live-looking market; the same seed then gives the same data only on the same day)]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__sandbox__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-sandbox-help-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(demo)
_arguments "${_arguments_options[@]}" : \
'--listings=[The demo merchant'\''s listings per marketplace]:N:_default' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--keep[Keep the demo'\''s data directory (its database) instead of removing it at exit]' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to complete for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(generate-docs)
_arguments "${_arguments_options[@]}" : \
'--out=[The repository root to write into]:DIR:_files' \
'--db=[SQLite database file \[default\: <data dir>/profiles/<profile>/treevu.db\]]:PATH:_files' \
'--database-url=[PostgreSQL store instead of the SQLite file\: postgres\://USER\:PASSWORD@HOST\:PORT/DATABASE (the profile is the merchant)]:URL:_default' \
'--config=[Config file \[default\: \$XDG_CONFIG_HOME/treevu/config.toml\]]:PATH:_files' \
'--profile=[Merchant profile\: keeps each merchant'\''s accounts, secrets and data apart]:NAME:_default' \
'--format=[Output format for data on stdout]:FORMAT:(table json jsonl csv tsv)' \
'--lang=[Language of what people read \[default\: TREEVU_LANG, the config file'\''s lang, then the locale\]]:LANG:((en\:"English"
es\:"Spanish (Peru)"))' \
'--json[Print data as one JSON document (same as --format json)]' \
'-q[Only errors and warnings on stderr]' \
'--quiet[Only errors and warnings on stderr]' \
'-v[More detail on stderr (each request\: method, path, status, time)]' \
'--verbose[More detail on stderr (each request\: method, path, status, time)]' \
'--no-color[No colour (also with NO_COLOR set)]' \
'--exact-cells[CSV/TSV\: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '\'')]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-command-$line[1]:"
        case $line[1] in
            (connect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(auth)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-auth-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(llm-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(client-secret)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(profiles)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(merchants)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__merchants_commands" \
"*::: :->merchants" \
&& ret=0

    case $state in
    (merchants)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-merchants-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(operator)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__operator_commands" \
"*::: :->operator" \
&& ret=0

    case $state in
    (operator)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-operator-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rotate-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__sync_commands" \
"*::: :->sync" \
&& ret=0

    case $state in
    (sync)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-sync-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(schedule)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(watch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(worker)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(recommend)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(estimate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(market)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__market_commands" \
"*::: :->market" \
&& ret=0

    case $state in
    (market)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-market-command-$line[1]:"
        case $line[1] in
            (import)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analyze)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(facts)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(valuation)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(readiness)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(forecast)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(backtest)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(listings)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(listing)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__listing_commands" \
"*::: :->listing" \
&& ret=0

    case $state in
    (listing)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-listing-command-$line[1]:"
        case $line[1] in
            (update)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(crosslist)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(leads)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(conversations)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(twins)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__twins_commands" \
"*::: :->twins" \
&& ret=0

    case $state in
    (twins)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-twins-command-$line[1]:"
        case $line[1] in
            (link)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unlink)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(policy)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
":: :_treevu__subcmd__help__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:treevu-help-sandbox-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(demo)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate-docs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_treevu_commands] )) ||
_treevu_commands() {
    local commands; commands=(
'connect:Connect a marketplace account\: sign in (OLX, Inmuebles24) or give the API key (Autofact)' \
'auth:Connected accounts\: status, current token for scripts, logout' \
'profiles:List merchant profiles and where their data lives' \
'merchants:Merchants of a PostgreSQL store (--database-url)\: list, add, remove' \
'operator:The operator of a PostgreSQL store (--database-url)\: every account'\''s status, rotating the key of the stored secrets' \
'sync:Pull listings, stats, leads and conversations into the local store' \
'schedule:Print the crontab line or systemd units that run '\''treevu sync --due'\''' \
'watch:Stay in the foreground and sync each account when it is due' \
'worker:Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers' \
'recommend:The price to ask for synced listings\: recommended price, range, confidence and why' \
'estimate:Price homes and cars that are not listed yet, against the market pool' \
'market:Market comparables\: import CSV files, analyze a listing against its market' \
'valuation:A car'\''s value computed locally, with each factor'\''s contribution' \
'readiness:Buyer Readiness Score (0-100, hot/warm/cold) of synced listings' \
'forecast:Expected contacts and time to sale of synced listings' \
'backtest:Measure treevu'\''s pricing accuracy on the pool (k-fold) or a labelled file' \
'listings:Show the listings stored locally (from '\''treevu sync'\'')' \
'listing:Change, publish or take down a listing at its marketplace' \
'crosslist:Publish listings on other marketplaces (homes\: Inmuebles24 <-> OLX; cars\: Autofact <-> OLX), linked as twins' \
'leads:Inmuebles24 leads\: who asked about your properties' \
'conversations:OLX conversations\: buyers'\'' chats about your listings' \
'report:Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)' \
'twins:Items listed on more than one marketplace\: groups, evidence, links, delist policy, stats' \
'sandbox:Run the built-in marketplace sandbox (the three APIs on loopback)' \
'demo:Try treevu end to end against the built-in sandbox\: connect, sync, prices, analysis' \
'completions:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'generate-docs:Write completions/ and docs/man/ (for maintainers; see docs/cli.md)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth_commands] )) ||
_treevu__subcmd__auth_commands() {
    local commands; commands=(
'status:Which accounts are connected, from where, and whether any needs you (exit 1 if so)' \
'token:Print the current access token (or Autofact key) for scripts, refreshing it if due' \
'logout:Forget the saved secret; revoke it at the marketplace where its API allows' \
'llm-key:Save the API key of the LLM behind '\''recommend --explain'\'' in the secret store' \
'client-secret:Save the app'\''s OAuth client secret (servers that want a confidential client) in the secret store' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu auth commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__client-secret_commands] )) ||
_treevu__subcmd__auth__subcmd__client-secret_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth client-secret commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help_commands] )) ||
_treevu__subcmd__auth__subcmd__help_commands() {
    local commands; commands=(
'status:Which accounts are connected, from where, and whether any needs you (exit 1 if so)' \
'token:Print the current access token (or Autofact key) for scripts, refreshing it if due' \
'logout:Forget the saved secret; revoke it at the marketplace where its API allows' \
'llm-key:Save the API key of the LLM behind '\''recommend --explain'\'' in the secret store' \
'client-secret:Save the app'\''s OAuth client secret (servers that want a confidential client) in the secret store' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu auth help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__client-secret_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__client-secret_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help client-secret commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__llm-key_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__llm-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help llm-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__logout_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help logout commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__status_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__help__subcmd__token_commands] )) ||
_treevu__subcmd__auth__subcmd__help__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth help token commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__llm-key_commands] )) ||
_treevu__subcmd__auth__subcmd__llm-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth llm-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__logout_commands] )) ||
_treevu__subcmd__auth__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth logout commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__status_commands] )) ||
_treevu__subcmd__auth__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__auth__subcmd__token_commands] )) ||
_treevu__subcmd__auth__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'treevu auth token commands' commands "$@"
}
(( $+functions[_treevu__subcmd__backtest_commands] )) ||
_treevu__subcmd__backtest_commands() {
    local commands; commands=()
    _describe -t commands 'treevu backtest commands' commands "$@"
}
(( $+functions[_treevu__subcmd__completions_commands] )) ||
_treevu__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'treevu completions commands' commands "$@"
}
(( $+functions[_treevu__subcmd__connect_commands] )) ||
_treevu__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'treevu connect commands' commands "$@"
}
(( $+functions[_treevu__subcmd__conversations_commands] )) ||
_treevu__subcmd__conversations_commands() {
    local commands; commands=()
    _describe -t commands 'treevu conversations commands' commands "$@"
}
(( $+functions[_treevu__subcmd__crosslist_commands] )) ||
_treevu__subcmd__crosslist_commands() {
    local commands; commands=()
    _describe -t commands 'treevu crosslist commands' commands "$@"
}
(( $+functions[_treevu__subcmd__demo_commands] )) ||
_treevu__subcmd__demo_commands() {
    local commands; commands=()
    _describe -t commands 'treevu demo commands' commands "$@"
}
(( $+functions[_treevu__subcmd__estimate_commands] )) ||
_treevu__subcmd__estimate_commands() {
    local commands; commands=()
    _describe -t commands 'treevu estimate commands' commands "$@"
}
(( $+functions[_treevu__subcmd__forecast_commands] )) ||
_treevu__subcmd__forecast_commands() {
    local commands; commands=()
    _describe -t commands 'treevu forecast commands' commands "$@"
}
(( $+functions[_treevu__subcmd__generate-docs_commands] )) ||
_treevu__subcmd__generate-docs_commands() {
    local commands; commands=()
    _describe -t commands 'treevu generate-docs commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help_commands] )) ||
_treevu__subcmd__help_commands() {
    local commands; commands=(
'connect:Connect a marketplace account\: sign in (OLX, Inmuebles24) or give the API key (Autofact)' \
'auth:Connected accounts\: status, current token for scripts, logout' \
'profiles:List merchant profiles and where their data lives' \
'merchants:Merchants of a PostgreSQL store (--database-url)\: list, add, remove' \
'operator:The operator of a PostgreSQL store (--database-url)\: every account'\''s status, rotating the key of the stored secrets' \
'sync:Pull listings, stats, leads and conversations into the local store' \
'schedule:Print the crontab line or systemd units that run '\''treevu sync --due'\''' \
'watch:Stay in the foreground and sync each account when it is due' \
'worker:Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers' \
'recommend:The price to ask for synced listings\: recommended price, range, confidence and why' \
'estimate:Price homes and cars that are not listed yet, against the market pool' \
'market:Market comparables\: import CSV files, analyze a listing against its market' \
'valuation:A car'\''s value computed locally, with each factor'\''s contribution' \
'readiness:Buyer Readiness Score (0-100, hot/warm/cold) of synced listings' \
'forecast:Expected contacts and time to sale of synced listings' \
'backtest:Measure treevu'\''s pricing accuracy on the pool (k-fold) or a labelled file' \
'listings:Show the listings stored locally (from '\''treevu sync'\'')' \
'listing:Change, publish or take down a listing at its marketplace' \
'crosslist:Publish listings on other marketplaces (homes\: Inmuebles24 <-> OLX; cars\: Autofact <-> OLX), linked as twins' \
'leads:Inmuebles24 leads\: who asked about your properties' \
'conversations:OLX conversations\: buyers'\'' chats about your listings' \
'report:Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)' \
'twins:Items listed on more than one marketplace\: groups, evidence, links, delist policy, stats' \
'sandbox:Run the built-in marketplace sandbox (the three APIs on loopback)' \
'demo:Try treevu end to end against the built-in sandbox\: connect, sync, prices, analysis' \
'completions:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'generate-docs:Write completions/ and docs/man/ (for maintainers; see docs/cli.md)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth_commands] )) ||
_treevu__subcmd__help__subcmd__auth_commands() {
    local commands; commands=(
'status:Which accounts are connected, from where, and whether any needs you (exit 1 if so)' \
'token:Print the current access token (or Autofact key) for scripts, refreshing it if due' \
'logout:Forget the saved secret; revoke it at the marketplace where its API allows' \
'llm-key:Save the API key of the LLM behind '\''recommend --explain'\'' in the secret store' \
'client-secret:Save the app'\''s OAuth client secret (servers that want a confidential client) in the secret store' \
    )
    _describe -t commands 'treevu help auth commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth__subcmd__client-secret_commands] )) ||
_treevu__subcmd__help__subcmd__auth__subcmd__client-secret_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help auth client-secret commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth__subcmd__llm-key_commands] )) ||
_treevu__subcmd__help__subcmd__auth__subcmd__llm-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help auth llm-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth__subcmd__logout_commands] )) ||
_treevu__subcmd__help__subcmd__auth__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help auth logout commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth__subcmd__status_commands] )) ||
_treevu__subcmd__help__subcmd__auth__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help auth status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__auth__subcmd__token_commands] )) ||
_treevu__subcmd__help__subcmd__auth__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help auth token commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__backtest_commands] )) ||
_treevu__subcmd__help__subcmd__backtest_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help backtest commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__completions_commands] )) ||
_treevu__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help completions commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__connect_commands] )) ||
_treevu__subcmd__help__subcmd__connect_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help connect commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__conversations_commands] )) ||
_treevu__subcmd__help__subcmd__conversations_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help conversations commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__crosslist_commands] )) ||
_treevu__subcmd__help__subcmd__crosslist_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help crosslist commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__demo_commands] )) ||
_treevu__subcmd__help__subcmd__demo_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help demo commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__estimate_commands] )) ||
_treevu__subcmd__help__subcmd__estimate_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help estimate commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__forecast_commands] )) ||
_treevu__subcmd__help__subcmd__forecast_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help forecast commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__generate-docs_commands] )) ||
_treevu__subcmd__help__subcmd__generate-docs_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help generate-docs commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__leads_commands] )) ||
_treevu__subcmd__help__subcmd__leads_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help leads commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__listing_commands] )) ||
_treevu__subcmd__help__subcmd__listing_commands() {
    local commands; commands=(
'update:Change a listing'\''s price, title, description or status at its marketplace (PUT)' \
'create:Publish a new listing from a JSON file in the marketplace'\''s shape (POST)' \
'remove:Take a listing down (DELETE on OLX; status '\''removed'\'' on Inmuebles24 and Autofact)' \
    )
    _describe -t commands 'treevu help listing commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__listing__subcmd__create_commands] )) ||
_treevu__subcmd__help__subcmd__listing__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help listing create commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__listing__subcmd__remove_commands] )) ||
_treevu__subcmd__help__subcmd__listing__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help listing remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__listing__subcmd__update_commands] )) ||
_treevu__subcmd__help__subcmd__listing__subcmd__update_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help listing update commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__listings_commands] )) ||
_treevu__subcmd__help__subcmd__listings_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help listings commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__market_commands] )) ||
_treevu__subcmd__help__subcmd__market_commands() {
    local commands; commands=(
'import:Load market comparables from a CSV file (idempotent by id\: a re-import updates)' \
'analyze:Compare a synced listing with its market\: median and mean price, price per m², position, trend, comparables' \
'facts:Regenerate the built-in market figures (aggregates, never rows) from market files' \
    )
    _describe -t commands 'treevu help market commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__market__subcmd__analyze_commands] )) ||
_treevu__subcmd__help__subcmd__market__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help market analyze commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__market__subcmd__facts_commands] )) ||
_treevu__subcmd__help__subcmd__market__subcmd__facts_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help market facts commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__market__subcmd__import_commands] )) ||
_treevu__subcmd__help__subcmd__market__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help market import commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__merchants_commands] )) ||
_treevu__subcmd__help__subcmd__merchants_commands() {
    local commands; commands=(
'list:Every merchant\: accounts, last sync, created' \
'add:Add a merchant (a name as for profiles\: letters, digits, - and _)' \
'remove:Delete a merchant and all of its data, after confirmation' \
    )
    _describe -t commands 'treevu help merchants commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__merchants__subcmd__add_commands] )) ||
_treevu__subcmd__help__subcmd__merchants__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help merchants add commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__merchants__subcmd__list_commands] )) ||
_treevu__subcmd__help__subcmd__merchants__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help merchants list commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__merchants__subcmd__remove_commands] )) ||
_treevu__subcmd__help__subcmd__merchants__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help merchants remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__operator_commands] )) ||
_treevu__subcmd__help__subcmd__operator_commands() {
    local commands; commands=(
'status:Every account of every merchant\: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour' \
'rotate-key:Re-encrypt every merchant'\''s secrets under a new operator key, in one transaction' \
    )
    _describe -t commands 'treevu help operator commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__operator__subcmd__rotate-key_commands] )) ||
_treevu__subcmd__help__subcmd__operator__subcmd__rotate-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help operator rotate-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__operator__subcmd__status_commands] )) ||
_treevu__subcmd__help__subcmd__operator__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help operator status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__profiles_commands] )) ||
_treevu__subcmd__help__subcmd__profiles_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help profiles commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__readiness_commands] )) ||
_treevu__subcmd__help__subcmd__readiness_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help readiness commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__recommend_commands] )) ||
_treevu__subcmd__help__subcmd__recommend_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help recommend commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__report_commands] )) ||
_treevu__subcmd__help__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help report commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__sandbox_commands] )) ||
_treevu__subcmd__help__subcmd__sandbox_commands() {
    local commands; commands=(
'serve:Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C' \
    )
    _describe -t commands 'treevu help sandbox commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__sandbox__subcmd__serve_commands] )) ||
_treevu__subcmd__help__subcmd__sandbox__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help sandbox serve commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__schedule_commands] )) ||
_treevu__subcmd__help__subcmd__schedule_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help schedule commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__sync_commands] )) ||
_treevu__subcmd__help__subcmd__sync_commands() {
    local commands; commands=(
'status:Per account\: the last run, its outcome and counts, the budget left and when the next run is due' \
    )
    _describe -t commands 'treevu help sync commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__sync__subcmd__status_commands] )) ||
_treevu__subcmd__help__subcmd__sync__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help sync status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__twins_commands] )) ||
_treevu__subcmd__help__subcmd__twins_commands() {
    local commands; commands=(
'link:Link two listings as one item (detection missed them, or they are yours to say)' \
'unlink:Unlink two listings that are not one item; detection will not link them again' \
'policy:Show or set what a sync does when a twin sells\: off, ask (print the commands) or auto' \
    )
    _describe -t commands 'treevu help twins commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__twins__subcmd__link_commands] )) ||
_treevu__subcmd__help__subcmd__twins__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help twins link commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__twins__subcmd__policy_commands] )) ||
_treevu__subcmd__help__subcmd__twins__subcmd__policy_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help twins policy commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__twins__subcmd__unlink_commands] )) ||
_treevu__subcmd__help__subcmd__twins__subcmd__unlink_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help twins unlink commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__valuation_commands] )) ||
_treevu__subcmd__help__subcmd__valuation_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help valuation commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__watch_commands] )) ||
_treevu__subcmd__help__subcmd__watch_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help watch commands' commands "$@"
}
(( $+functions[_treevu__subcmd__help__subcmd__worker_commands] )) ||
_treevu__subcmd__help__subcmd__worker_commands() {
    local commands; commands=()
    _describe -t commands 'treevu help worker commands' commands "$@"
}
(( $+functions[_treevu__subcmd__leads_commands] )) ||
_treevu__subcmd__leads_commands() {
    local commands; commands=()
    _describe -t commands 'treevu leads commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing_commands] )) ||
_treevu__subcmd__listing_commands() {
    local commands; commands=(
'update:Change a listing'\''s price, title, description or status at its marketplace (PUT)' \
'create:Publish a new listing from a JSON file in the marketplace'\''s shape (POST)' \
'remove:Take a listing down (DELETE on OLX; status '\''removed'\'' on Inmuebles24 and Autofact)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu listing commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__create_commands] )) ||
_treevu__subcmd__listing__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing create commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help_commands] )) ||
_treevu__subcmd__listing__subcmd__help_commands() {
    local commands; commands=(
'update:Change a listing'\''s price, title, description or status at its marketplace (PUT)' \
'create:Publish a new listing from a JSON file in the marketplace'\''s shape (POST)' \
'remove:Take a listing down (DELETE on OLX; status '\''removed'\'' on Inmuebles24 and Autofact)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu listing help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help__subcmd__create_commands] )) ||
_treevu__subcmd__listing__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing help create commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__listing__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help__subcmd__remove_commands] )) ||
_treevu__subcmd__listing__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing help remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__help__subcmd__update_commands] )) ||
_treevu__subcmd__listing__subcmd__help__subcmd__update_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing help update commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__remove_commands] )) ||
_treevu__subcmd__listing__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listing__subcmd__update_commands] )) ||
_treevu__subcmd__listing__subcmd__update_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listing update commands' commands "$@"
}
(( $+functions[_treevu__subcmd__listings_commands] )) ||
_treevu__subcmd__listings_commands() {
    local commands; commands=()
    _describe -t commands 'treevu listings commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market_commands] )) ||
_treevu__subcmd__market_commands() {
    local commands; commands=(
'import:Load market comparables from a CSV file (idempotent by id\: a re-import updates)' \
'analyze:Compare a synced listing with its market\: median and mean price, price per m², position, trend, comparables' \
'facts:Regenerate the built-in market figures (aggregates, never rows) from market files' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu market commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__analyze_commands] )) ||
_treevu__subcmd__market__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market analyze commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__facts_commands] )) ||
_treevu__subcmd__market__subcmd__facts_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market facts commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help_commands] )) ||
_treevu__subcmd__market__subcmd__help_commands() {
    local commands; commands=(
'import:Load market comparables from a CSV file (idempotent by id\: a re-import updates)' \
'analyze:Compare a synced listing with its market\: median and mean price, price per m², position, trend, comparables' \
'facts:Regenerate the built-in market figures (aggregates, never rows) from market files' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu market help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help__subcmd__analyze_commands] )) ||
_treevu__subcmd__market__subcmd__help__subcmd__analyze_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market help analyze commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help__subcmd__facts_commands] )) ||
_treevu__subcmd__market__subcmd__help__subcmd__facts_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market help facts commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__market__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__help__subcmd__import_commands] )) ||
_treevu__subcmd__market__subcmd__help__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market help import commands' commands "$@"
}
(( $+functions[_treevu__subcmd__market__subcmd__import_commands] )) ||
_treevu__subcmd__market__subcmd__import_commands() {
    local commands; commands=()
    _describe -t commands 'treevu market import commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants_commands] )) ||
_treevu__subcmd__merchants_commands() {
    local commands; commands=(
'list:Every merchant\: accounts, last sync, created' \
'add:Add a merchant (a name as for profiles\: letters, digits, - and _)' \
'remove:Delete a merchant and all of its data, after confirmation' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu merchants commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__add_commands] )) ||
_treevu__subcmd__merchants__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants add commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help_commands] )) ||
_treevu__subcmd__merchants__subcmd__help_commands() {
    local commands; commands=(
'list:Every merchant\: accounts, last sync, created' \
'add:Add a merchant (a name as for profiles\: letters, digits, - and _)' \
'remove:Delete a merchant and all of its data, after confirmation' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu merchants help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help__subcmd__add_commands] )) ||
_treevu__subcmd__merchants__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants help add commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__merchants__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help__subcmd__list_commands] )) ||
_treevu__subcmd__merchants__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants help list commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__help__subcmd__remove_commands] )) ||
_treevu__subcmd__merchants__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants help remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__list_commands] )) ||
_treevu__subcmd__merchants__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants list commands' commands "$@"
}
(( $+functions[_treevu__subcmd__merchants__subcmd__remove_commands] )) ||
_treevu__subcmd__merchants__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'treevu merchants remove commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator_commands] )) ||
_treevu__subcmd__operator_commands() {
    local commands; commands=(
'status:Every account of every merchant\: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour' \
'rotate-key:Re-encrypt every merchant'\''s secrets under a new operator key, in one transaction' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu operator commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__help_commands] )) ||
_treevu__subcmd__operator__subcmd__help_commands() {
    local commands; commands=(
'status:Every account of every merchant\: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour' \
'rotate-key:Re-encrypt every merchant'\''s secrets under a new operator key, in one transaction' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu operator help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__operator__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__help__subcmd__rotate-key_commands] )) ||
_treevu__subcmd__operator__subcmd__help__subcmd__rotate-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator help rotate-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__help__subcmd__status_commands] )) ||
_treevu__subcmd__operator__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator help status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__rotate-key_commands] )) ||
_treevu__subcmd__operator__subcmd__rotate-key_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator rotate-key commands' commands "$@"
}
(( $+functions[_treevu__subcmd__operator__subcmd__status_commands] )) ||
_treevu__subcmd__operator__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu operator status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__profiles_commands] )) ||
_treevu__subcmd__profiles_commands() {
    local commands; commands=()
    _describe -t commands 'treevu profiles commands' commands "$@"
}
(( $+functions[_treevu__subcmd__readiness_commands] )) ||
_treevu__subcmd__readiness_commands() {
    local commands; commands=()
    _describe -t commands 'treevu readiness commands' commands "$@"
}
(( $+functions[_treevu__subcmd__recommend_commands] )) ||
_treevu__subcmd__recommend_commands() {
    local commands; commands=()
    _describe -t commands 'treevu recommend commands' commands "$@"
}
(( $+functions[_treevu__subcmd__report_commands] )) ||
_treevu__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'treevu report commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox_commands] )) ||
_treevu__subcmd__sandbox_commands() {
    local commands; commands=(
'serve:Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu sandbox commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__help_commands] )) ||
_treevu__subcmd__sandbox__subcmd__help_commands() {
    local commands; commands=(
'serve:Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu sandbox help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__sandbox__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sandbox help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__help__subcmd__serve_commands] )) ||
_treevu__subcmd__sandbox__subcmd__help__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sandbox help serve commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sandbox__subcmd__serve_commands] )) ||
_treevu__subcmd__sandbox__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sandbox serve commands' commands "$@"
}
(( $+functions[_treevu__subcmd__schedule_commands] )) ||
_treevu__subcmd__schedule_commands() {
    local commands; commands=()
    _describe -t commands 'treevu schedule commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync_commands] )) ||
_treevu__subcmd__sync_commands() {
    local commands; commands=(
'status:Per account\: the last run, its outcome and counts, the budget left and when the next run is due' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu sync commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__help_commands] )) ||
_treevu__subcmd__sync__subcmd__help_commands() {
    local commands; commands=(
'status:Per account\: the last run, its outcome and counts, the budget left and when the next run is due' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu sync help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__sync__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sync help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__help__subcmd__status_commands] )) ||
_treevu__subcmd__sync__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sync help status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__sync__subcmd__status_commands] )) ||
_treevu__subcmd__sync__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'treevu sync status commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins_commands] )) ||
_treevu__subcmd__twins_commands() {
    local commands; commands=(
'link:Link two listings as one item (detection missed them, or they are yours to say)' \
'unlink:Unlink two listings that are not one item; detection will not link them again' \
'policy:Show or set what a sync does when a twin sells\: off, ask (print the commands) or auto' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu twins commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help_commands] )) ||
_treevu__subcmd__twins__subcmd__help_commands() {
    local commands; commands=(
'link:Link two listings as one item (detection missed them, or they are yours to say)' \
'unlink:Unlink two listings that are not one item; detection will not link them again' \
'policy:Show or set what a sync does when a twin sells\: off, ask (print the commands) or auto' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'treevu twins help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help__subcmd__help_commands] )) ||
_treevu__subcmd__twins__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins help help commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help__subcmd__link_commands] )) ||
_treevu__subcmd__twins__subcmd__help__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins help link commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help__subcmd__policy_commands] )) ||
_treevu__subcmd__twins__subcmd__help__subcmd__policy_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins help policy commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__help__subcmd__unlink_commands] )) ||
_treevu__subcmd__twins__subcmd__help__subcmd__unlink_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins help unlink commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__link_commands] )) ||
_treevu__subcmd__twins__subcmd__link_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins link commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__policy_commands] )) ||
_treevu__subcmd__twins__subcmd__policy_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins policy commands' commands "$@"
}
(( $+functions[_treevu__subcmd__twins__subcmd__unlink_commands] )) ||
_treevu__subcmd__twins__subcmd__unlink_commands() {
    local commands; commands=()
    _describe -t commands 'treevu twins unlink commands' commands "$@"
}
(( $+functions[_treevu__subcmd__valuation_commands] )) ||
_treevu__subcmd__valuation_commands() {
    local commands; commands=()
    _describe -t commands 'treevu valuation commands' commands "$@"
}
(( $+functions[_treevu__subcmd__watch_commands] )) ||
_treevu__subcmd__watch_commands() {
    local commands; commands=()
    _describe -t commands 'treevu watch commands' commands "$@"
}
(( $+functions[_treevu__subcmd__worker_commands] )) ||
_treevu__subcmd__worker_commands() {
    local commands; commands=()
    _describe -t commands 'treevu worker commands' commands "$@"
}

if [ "$funcstack[1]" = "_treevu" ]; then
    _treevu "$@"
else
    compdef _treevu treevu
fi
