"""Demo content for ``manage.py load_demo``: plain data, no database access.

Everything here is written for REE Exchange. Facts about real companies and
officials come from public reporting (company filings, Xinhua, trade press) and
are dated where they can go stale; a few mid-level regulators' officials
(Han Zhiqiang, Liu Yanmei, Zhou Wenbin, Xu Ming) are invented for the demo.

Conventions the loader relies on:

* Every record is keyed on its ``slug`` (``username`` for accounts), so loading
  twice updates rather than duplicates.
* Cross-references (``parent``, ``regulator``, ``officials`` ...) are slugs of
  records defined earlier in the same list or in an earlier list.
* Articles give either ``published_on`` (an ISO timestamp, UTC, for stories
  pegged to a real event) or only ``age_hours`` (how long before "now" the
  story went out; negative means scheduled in the future). ``age_hours`` is
  also the fallback for a ``published_on`` that lies in the future of the
  clock the loader runs on. Drafts and stories in review have neither.
* Position dates are ISO dates; where only the month is known the first of
  the month is used, and ``None`` means unknown.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

# --------------------------------------------------------------------------
# Regulators (parents before children)
# --------------------------------------------------------------------------

REGULATORS: list[Record] = [
    {
        "slug": "sasac",
        "name": "State-owned Assets Supervision and Administration Commission of the State Council",
        "native_name": "国务院国有资产监督管理委员会",
        "acronym": "SASAC",
        "aliases": ["Central SASAC", "State Council SASAC", "国资委", "国务院国资委"],
        "level": "national",
        "parent": None,
        "jurisdiction": "People's Republic of China",
        "responsibilities": (
            "Exercises the State Council's rights as shareholder in the centrally owned enterprises, "
            "including China Rare Earth Group. It sets and assesses their performance targets, takes part "
            "in appointing and evaluating their senior managers, approves mergers and restructurings, and "
            "issues guidance to the provincial and municipal state-assets commissions."
        ),
        "website": "https://www.sasac.gov.cn/",
        "same_as": ["https://en.wikipedia.org/wiki/State-owned_Assets_Supervision_and_Administration_Commission"],
    },
    {
        "slug": "inner-mongolia-sasac",
        "name": "Inner Mongolia Autonomous Region State-owned Assets Supervision and Administration Commission",
        "native_name": "内蒙古自治区人民政府国有资产监督管理委员会",
        "acronym": "IMAR SASAC",
        "aliases": ["Inner Mongolia SASAC", "Autonomous Region SASAC", "内蒙古国资委", "内蒙古自治区国资委"],
        "level": "provincial",
        "parent": "sasac",
        "jurisdiction": "Inner Mongolia Autonomous Region",
        "responsibilities": (
            "Acts for the regional government as owner of Inner Mongolia's state enterprises, among them "
            "Baotou Steel Group and, through it, China Northern Rare Earth and Inner Mongolia Baotou Steel "
            "Union. It evaluates their results, takes part in appointing and removing executives, approves "
            "restructurings and carries out the region's share of national SOE reform programmes, under "
            "professional guidance from the central SASAC."
        ),
        "website": "https://gzw.nmg.gov.cn/",
        "same_as": [],
    },
    {
        "slug": "jiangxi-sasac",
        "name": "Jiangxi Provincial State-owned Assets Supervision and Administration Commission",
        "native_name": "江西省人民政府国有资产监督管理委员会",
        "acronym": "Jiangxi SASAC",
        "aliases": ["Jiangxi SASAC", "江西省国资委"],
        "level": "provincial",
        "parent": "sasac",
        "jurisdiction": "Jiangxi Province",
        "responsibilities": (
            "Supervises the state enterprises owned by the Jiangxi provincial government and guides the "
            "city-level commissions, including Ganzhou's, whose rare earth group put its assets into "
            "China Rare Earth Group in 2021 and holds a stake in it. Jiangxi's ion-adsorption clay deposits are a main domestic source "
            "of medium and heavy rare earths."
        ),
        "website": "http://gzw.jiangxi.gov.cn/",
        "same_as": [],
    },
    {
        "slug": "miit",
        "name": "Ministry of Industry and Information Technology",
        "native_name": "工业和信息化部",
        "acronym": "MIIT",
        "aliases": ["Ministry of Industry and IT", "工信部", "中华人民共和国工业和信息化部"],
        "level": "national",
        "parent": None,
        "jurisdiction": "People's Republic of China",
        "responsibilities": (
            "Lead ministry for the rare earth industry under the Rare Earth Management Regulations. With "
            "the Ministry of Natural Resources and the National Development and Reform Commission it sets "
            "total-volume controls on mining and on smelting and separation, allocates them to the "
            "designated rare earth groups, and runs the product traceability system."
        ),
        "website": "https://www.miit.gov.cn/",
        "same_as": ["https://en.wikipedia.org/wiki/Ministry_of_Industry_and_Information_Technology"],
    },
    {
        "slug": "mofcom",
        "name": "Ministry of Commerce",
        "native_name": "中华人民共和国商务部",
        "acronym": "MOFCOM",
        "aliases": ["Ministry of Commerce of the People's Republic of China", "商务部", "China's commerce ministry"],
        "level": "national",
        "parent": None,
        "jurisdiction": "People's Republic of China",
        "responsibilities": (
            "Administers China's export-control regime for dual-use items jointly with the General "
            "Administration of Customs. It decides which rare earth elements, magnets, equipment and "
            "technologies need an export licence, examines applications case by case and publishes the "
            "announcements that add, suspend or lift controls."
        ),
        "website": "https://www.mofcom.gov.cn/",
        "same_as": [],
    },
    {
        "slug": "baotou-sasac",
        "name": "Baotou Municipal State-owned Assets Supervision and Administration Commission",
        "native_name": "包头市人民政府国有资产监督管理委员会",
        "acronym": "Baotou SASAC",
        "aliases": ["Baotou SASAC", "包头市国资委"],
        "level": "municipal",
        "parent": "inner-mongolia-sasac",
        "jurisdiction": "Baotou, Inner Mongolia",
        "responsibilities": (
            "Owns and supervises the enterprises held by the Baotou city government, such as municipal "
            "investment, utility and industrial-park companies, and carries out the regional commission's "
            "reform instructions at city level. It does not supervise Baotou Steel Group, which answers to "
            "the regional commission."
        ),
        "website": "",
        "same_as": [],
    },
]

# --------------------------------------------------------------------------
# Enterprises (parents before subsidiaries)
# --------------------------------------------------------------------------

ENTERPRISES: list[Record] = [
    {
        "slug": "baotou-steel-group",
        "name": "Baotou Steel Group",
        "native_name": "包头钢铁（集团）有限责任公司",
        "aliases": [
            "Baotou Iron and Steel (Group) Co., Ltd.",
            "Baotou Iron and Steel Group",
            "Baogang Group",
            "Baogang",
            "包钢集团",
            "包钢",
        ],
        "ownership": "local_soe",
        "parent": None,
        "regulator": "inner-mongolia-sasac",
        "tickers": [],
        "website": "https://www.btsteel.com/",
        "headquarters": "Baotou, Inner Mongolia",
        "description": (
            "Founded in 1954, Baotou Steel is Inner Mongolia's largest industrial company and one of "
            "China's oldest steel bases. Through its listed subsidiaries it controls the Bayan Obo "
            "iron and rare earth deposit, the world's largest known source of light rare earths, and "
            "it is the controlling shareholder of both China Northern Rare Earth and Inner Mongolia "
            "Baotou Steel Union. The group is owned by the Inner Mongolia regional government."
        ),
        "same_as": [],
    },
    {
        "slug": "china-northern-rare-earth",
        "name": "China Northern Rare Earth",
        "native_name": "中国北方稀土（集团）高科技股份有限公司",
        "aliases": [
            "China Northern Rare Earth (Group) High-Tech Co., Ltd.",
            "China Northern Rare Earth Group",
            "Northern Rare Earth",
            "Baotou Steel Rare Earth",
            "北方稀土",
        ],
        "ownership": "local_soe",
        "parent": "baotou-steel-group",
        "regulator": None,
        "tickers": ["600111.SS"],
        "website": "https://www.reehitech.com/",
        "headquarters": "Baotou, Inner Mongolia",
        "description": (
            "The world's largest producer of light rare earths and the holder of the biggest share of "
            "China's national mining quota. It buys Bayan Obo concentrate from Inner Mongolia Baotou "
            "Steel Union at a formula price reset every quarter and turns it into separated oxides, "
            "metals and materials for magnets, polishing and hydrogen storage. Listed in Shanghai; "
            "formerly known as Baotou Steel Rare Earth (Group) Hi-Tech."
        ),
        "same_as": [],
    },
    {
        "slug": "baotou-steel-union",
        "name": "Inner Mongolia Baotou Steel Union",
        "native_name": "内蒙古包钢钢联股份有限公司",
        "aliases": [
            "Inner Mongolia Baotou Steel Union Co., Ltd.",
            "Baotou Steel Union",
            "Baogang Union",
            "包钢股份",
        ],
        "ownership": "local_soe",
        "parent": "baotou-steel-group",
        "regulator": None,
        "tickers": ["600010.SS"],
        "website": "",
        "headquarters": "Baotou, Inner Mongolia",
        "description": (
            "The Shanghai-listed steel arm of Baotou Steel Group. Besides rails, plate and other steel "
            "products, it holds the mining rights at Bayan Obo and sells its rare earth concentrate to "
            "China Northern Rare Earth under a related-party agreement whose price is recalculated at "
            "the start of each quarter."
        ),
        "same_as": [],
    },
    {
        "slug": "china-rare-earth-group",
        "name": "China Rare Earth Group",
        "native_name": "中国稀土集团有限公司",
        "aliases": ["China Rare Earth Group Co., Ltd.", "China Rare Earths Group", "中国稀土集团"],
        "ownership": "central_soe",
        "parent": None,
        "regulator": "sasac",
        "tickers": [],
        "website": "",
        "headquarters": "Ganzhou, Jiangxi",
        "description": (
            "A central state-owned enterprise created on 23 December 2021 by combining the rare earth "
            "businesses of Aluminum Corporation of China (Chinalco), China Minmetals and Ganzhou Rare "
            "Earth Group, with two state research institutes as minority shareholders. It is the main "
            "consolidator of the ion-adsorption clay deposits of southern China, the country's chief "
            "domestic source of medium and heavy rare earths."
        ),
        "same_as": ["https://en.wikipedia.org/wiki/China_Rare_Earth_Group"],
    },
    {
        "slug": "china-minmetals-rare-earth",
        "name": "China Minmetals Rare Earth",
        "native_name": "五矿稀土股份有限公司",
        "aliases": [
            "Minmetals Rare Earth",
            "China Rare Earth Group Resources Technology",
            "China Rare Earth Group Resources Technology Co., Ltd.",
            "五矿稀土",
            "中国稀土集团资源科技股份有限公司",
        ],
        "ownership": "central_soe",
        "parent": "china-rare-earth-group",
        "regulator": None,
        "tickers": ["000831.SZ"],
        "website": "",
        "headquarters": "",
        "description": (
            "The Shenzhen-listed rare earth company that China Minmetals contributed to China Rare Earth "
            "Group. After the restructuring it was renamed China Rare Earth Group Resources Technology "
            "and serves as the group's listed platform for separation and rare earth products."
        ),
        "same_as": [],
    },
    {
        "slug": "xiamen-tungsten",
        "name": "Xiamen Tungsten",
        "native_name": "厦门钨业股份有限公司",
        "aliases": ["Xiamen Tungsten Co., Ltd.", "XTC", "厦门钨业", "厦钨"],
        "ownership": "local_soe",
        "parent": None,
        "regulator": None,
        "tickers": ["600549.SS"],
        "website": "https://www.cxtc.com/",
        "headquarters": "Xiamen, Fujian",
        "description": (
            "A Fujian state-controlled producer of tungsten, molybdenum and rare earth products, and one "
            "of the six rare earth groups designated when the industry was consolidated in the 2010s. "
            "Its rare earth business spans separation, metals and magnet materials, drawing mainly on "
            "resources in Fujian; since 2024 its mining allocation has been counted within China Rare "
            "Earth Group's quota."
        ),
        "same_as": [],
    },
    {
        "slug": "lynas-rare-earths",
        "name": "Lynas Rare Earths",
        "native_name": "",
        "aliases": ["Lynas Rare Earths Ltd", "Lynas", "Lynas Corporation"],
        "ownership": "foreign",
        "parent": None,
        "regulator": None,
        "tickers": ["LYC.AX"],
        "website": "https://lynasrareearths.com/",
        "headquarters": "Perth, Western Australia",
        "description": (
            "The largest producer of separated rare earths outside China. Lynas mines at Mount Weld in "
            "Western Australia, cracks and leaches concentrate at Kalgoorlie, and separates it at its "
            "plant in the Gebeng industrial estate near Kuantan, Malaysia, where it began producing "
            "separated dysprosium and terbium in 2025. Listed on the Australian Securities Exchange."
        ),
        "same_as": ["https://en.wikipedia.org/wiki/Lynas"],
    },
    {
        "slug": "mp-materials",
        "name": "MP Materials",
        "native_name": "",
        "aliases": ["MP Materials Corp.", "MP"],
        "ownership": "listed",
        "parent": None,
        "regulator": None,
        "tickers": ["MP"],
        "website": "https://mpmaterials.com/",
        "headquarters": "Las Vegas, Nevada",
        "description": (
            "Owner of the Mountain Pass rare earth mine and processing plant in California, the only "
            "operating rare earth mine in the United States, and of a magnet factory in Fort Worth, Texas. "
            "Listed on the New York Stock Exchange since 2020. In 2025 the US Department of Defense became "
            "its largest shareholder under a deal that includes a price floor for NdPr products."
        ),
        "same_as": ["https://en.wikipedia.org/wiki/MP_Materials"],
    },
    {
        "slug": "shenghe-resources",
        "name": "Shenghe Resources",
        "native_name": "盛和资源控股股份有限公司",
        "aliases": ["Shenghe Resources Holding Co., Ltd.", "Shenghe", "盛和资源"],
        "ownership": "listed",
        "parent": None,
        "regulator": None,
        "tickers": ["600392.SS"],
        "website": "",
        "headquarters": "Chengdu, Sichuan",
        "description": (
            "A Shanghai-listed rare earth processor that has built its business on feedstock from outside "
            "China. It was for years the main buyer of MP Materials' Mountain Pass concentrate and one of "
            "MP's shareholders, and it has held stakes in rare earth projects abroad, including in Greenland."
        ),
        "same_as": [],
    },
]

# --------------------------------------------------------------------------
# Officials and their positions
# --------------------------------------------------------------------------

OFFICIALS: list[Record] = [
    {
        "slug": "sun-shaocheng",
        "name": "Sun Shaocheng",
        "native_name": "孙绍骋",
        "aliases": ["Sun Shao-cheng", "Shaocheng Sun", "孫紹騁"],
        "born": 1960,
        "bio": (
            "Sun Shaocheng was Communist Party secretary of Inner Mongolia from April 2022 to September "
            "2025, a period in which he pressed the region's state-owned steel and rare earth groups to "
            "speed up reform. Before that he was the first Minister of Veterans Affairs and spent most of "
            "his career at the Ministry of Civil Affairs. In October 2025 he became a vice-chairman of a "
            "National People's Congress committee; in January 2026 the party's discipline commission "
            "announced that he was under investigation."
        ),
        "same_as": ["https://en.wikipedia.org/wiki/Sun_Shaocheng"],
        "positions": [
            {
                "title": "Party Secretary",
                "organisation_name": "Inner Mongolia Autonomous Regional Committee of the CCP",
                "start_date": "2022-04-30",
                "end_date": "2025-09-30",
                "is_primary": True,
            },
            {
                "title": "Minister of Veterans Affairs",
                "organisation_name": "Ministry of Veterans Affairs",
                "start_date": "2018-03-19",
                "end_date": "2022-06-24",
                "is_primary": False,
            },
            {
                "title": "Vice-Minister of Land and Resources",
                "organisation_name": "Ministry of Land and Resources",
                "start_date": "2017-06-01",
                "end_date": "2018-03-18",
                "is_primary": False,
            },
            {
                "title": "Vice-Governor",
                "organisation_name": "Shandong Provincial People's Government",
                "start_date": "2012-08-01",
                "end_date": "2014-09-30",
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "ding-xiufeng",
        "name": "Ding Xiufeng",
        "native_name": "",
        "aliases": ["Xiufeng Ding", "Ding Xiu-feng"],
        "born": None,
        "bio": (
            "Party official named in coverage of Sun Shaocheng's November 2024 visit to Baotou Steel Group. "
            "According to those reports he became an alternate member of the Central Committee at the 18th "
            "Party Congress in November 2012, took charge of the office of the General Secretary in May "
            "2013, assisting Xi Jinping, and was appointed a deputy director of the party's General Office "
            "in 2016."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Deputy Director",
                "organisation_name": "General Office of the CCP Central Committee",
                "start_date": "2016-01-01",
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Director of the Office of the General Secretary",
                "organisation_name": "CCP Central Committee",
                "start_date": "2013-05-01",
                "end_date": None,
                "is_primary": False,
            },
            {
                "title": "Alternate Member, 18th Central Committee",
                "organisation_name": "Central Committee of the Chinese Communist Party",
                "start_date": "2012-11-15",
                "end_date": "2017-10-24",
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "meng-fanying",
        "name": "Meng Fanying",
        "native_name": "孟凡英",
        "aliases": ["Fanying Meng", "Meng Fan-ying"],
        "born": None,
        "bio": (
            "Meng Fanying is party secretary and chairman of Baotou Steel Group, the Inner Mongolia "
            "state-owned group that controls the Bayan Obo deposit and China Northern Rare Earth. She "
            "chairs the group's party meetings on discipline and reform and has led delegations to other "
            "state groups to study how they restructured. Earlier reports described her as a director and "
            "deputy party secretary of the group."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Party Secretary and Chairman",
                "enterprise": "baotou-steel-group",
                "start_date": None,
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Director and Deputy Party Secretary",
                "enterprise": "baotou-steel-group",
                "start_date": None,
                "end_date": None,
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "li-xiao",
        "name": "Li Xiao",
        "native_name": "",
        "aliases": ["Xiao Li"],
        "born": None,
        "bio": (
            "Li Xiao is general manager and deputy party secretary of Baotou Steel Group, serving alongside "
            "chairman Meng Fanying; some reports have described him as a former president of the company. "
            "In 2025 he led inspections of the group's rare earth and mining subsidiaries in Gansu and "
            "Inner Mongolia, pressing them on green mining and higher-value products."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "General Manager and Deputy Party Secretary",
                "enterprise": "baotou-steel-group",
                "start_date": None,
                "end_date": None,
                "is_primary": True,
            },
        ],
    },
    {
        "slug": "amanda-lacaze",
        "name": "Amanda Lacaze",
        "native_name": "",
        "aliases": ["A. Lacaze"],
        "born": None,
        "bio": (
            "Amanda Lacaze led Lynas Rare Earths as chief executive and managing director from 2014, taking "
            "it from a struggling start-up to the largest rare earths producer outside China and adding a "
            "Kalgoorlie processing plant and heavy rare earth separation in Malaysia. In January 2026 Lynas "
            "said she would retire at the end of its financial year in June 2026. She earlier held senior "
            "roles at Telstra and Nestlé."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Chief Executive Officer and Managing Director",
                "enterprise": "lynas-rare-earths",
                "start_date": "2014-06-01",
                "end_date": "2026-06-30",
                "is_primary": True,
            },
        ],
    },
    {
        "slug": "james-litinsky",
        "name": "James Litinsky",
        "native_name": "",
        "aliases": ["Jim Litinsky", "James H. Litinsky"],
        "born": None,
        "bio": (
            "James Litinsky is the founder, chairman and chief executive of MP Materials. An investor by "
            "background, and founder of JHL Capital Group, he led the consortium that bought the Mountain "
            "Pass mine out of bankruptcy in 2017 and took MP public in 2020. He negotiated the company's "
            "2025 agreements with the US Department of Defense and Apple."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Chairman and Chief Executive Officer",
                "enterprise": "mp-materials",
                "start_date": "2017-07-01",
                "end_date": None,
                "is_primary": True,
            },
        ],
    },
    {
        "slug": "han-zhiqiang",
        "name": "Han Zhiqiang",
        "native_name": "韩志强",
        "aliases": ["Zhiqiang Han", "Han Zhi-qiang"],
        "born": 1969,
        "bio": (
            "Han Zhiqiang is a deputy director of the Inner Mongolia SASAC, with responsibility for "
            "enterprise reform and restructuring. He previously headed the Baotou municipal commission "
            "and began his career in the region's metallurgy administration."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Deputy Director",
                "regulator": "inner-mongolia-sasac",
                "start_date": "2021-03-01",
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Director",
                "regulator": "baotou-sasac",
                "start_date": "2017-06-01",
                "end_date": "2021-02-28",
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "liu-yanmei",
        "name": "Liu Yanmei",
        "native_name": "刘艳梅",
        "aliases": ["Yanmei Liu", "Liu Yan-mei"],
        "born": 1974,
        "bio": (
            "Liu Yanmei is director of the Baotou Municipal SASAC, which owns the city's investment and "
            "industrial-park companies. Before taking the post she was a deputy director of Baotou's "
            "development and reform commission, where she worked on the city's rare earth industry plans."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Director",
                "regulator": "baotou-sasac",
                "start_date": "2021-03-01",
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Deputy Director",
                "organisation_name": "Baotou Development and Reform Commission",
                "start_date": "2016-04-01",
                "end_date": "2021-02-28",
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "zhou-wenbin",
        "name": "Zhou Wenbin",
        "native_name": "周文斌",
        "aliases": ["Wenbin Zhou", "Zhou Wen-bin"],
        "born": 1971,
        "bio": (
            "Zhou Wenbin is a deputy director-general of the raw materials industry department at the "
            "Ministry of Industry and Information Technology, the unit that drafts rare earth industry "
            "policy and administers the total-volume controls. He has spent most of his career in the "
            "ministry's non-ferrous metals divisions."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Deputy Director-General, Raw Materials Industry Department",
                "regulator": "miit",
                "start_date": "2022-09-01",
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Division Chief, Non-ferrous Metals",
                "regulator": "miit",
                "start_date": "2015-07-01",
                "end_date": "2022-08-31",
                "is_primary": False,
            },
        ],
    },
    {
        "slug": "xu-ming",
        "name": "Xu Ming",
        "native_name": "徐明",
        "aliases": ["Ming Xu"],
        "born": 1970,
        "bio": (
            "Xu Ming is a deputy director of the Jiangxi provincial SASAC. He previously ran the Ganzhou "
            "municipal state-assets commission during the years when Ganzhou's rare earth assets were "
            "prepared for the merger that created China Rare Earth Group."
        ),
        "same_as": [],
        "positions": [
            {
                "title": "Deputy Director",
                "regulator": "jiangxi-sasac",
                "start_date": "2020-05-01",
                "end_date": None,
                "is_primary": True,
            },
            {
                "title": "Director",
                "organisation_name": "Ganzhou Municipal SASAC",
                "start_date": "2016-03-01",
                "end_date": "2020-04-30",
                "is_primary": False,
            },
        ],
    },
]

# --------------------------------------------------------------------------
# Authors and the demo accounts behind them
# --------------------------------------------------------------------------

AUTHORS: list[Record] = [
    {
        "slug": "helen-marsh",
        "display_name": "Helen Marsh",
        "role": "Managing editor",
        "bio": (
            "Helen Marsh runs the REE Exchange news desk. She has reported on metals and mining for two "
            "decades, first on base-metal markets in London and later on China's state-owned resource "
            "groups, and edits the site's coverage of policy and prices."
        ),
        "email_public": "",
        "user": {
            "username": "editor",
            "first_name": "Helen",
            "last_name": "Marsh",
            "email": "editor@example.com",
            "group": "Editors",
        },
    },
    {
        "slug": "tom-reyes",
        "display_name": "Tom Reyes",
        "role": "Correspondent, China industry",
        "bio": (
            "Tom Reyes covers China's rare earth producers, their regulators and the companies trying to "
            "build supply chains elsewhere. He reads the stock-exchange filings so readers do not have to."
        ),
        "email_public": "",
        "user": {
            "username": "writer",
            "first_name": "Tom",
            "last_name": "Reyes",
            "email": "writer@example.com",
            "group": "Writers",
        },
    },
    {
        "slug": "li-wenjing",
        "display_name": "Li Wenjing",
        "role": "Contributing analyst, Beijing",
        "bio": (
            "Li Wenjing is a Beijing-based analyst of industrial policy who writes for REE Exchange on "
            "state-enterprise governance, quotas and the regulations that shape the rare earth industry."
        ),
        "email_public": "",
        "user": None,
    },
]

# --------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------

TAGS: list[str] = [
    "SOE reform",
    "Inner Mongolia",
    "Export controls",
    "Magnets",
    "Heavy rare earths",
    "Prices",
    "Mining quotas",
    "Supply chain",
    "Policy",
    "Third Plenum",
    "Baotou",
    "Processing",
    "United States",
    "Australia",
    "Recycling",
]

# --------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------

ARTICLES: list[Record] = [
    # ---- The seed story, retold: dated to the event it reports ----------
    {
        "slug": "sun-shaocheng-baotou-steel-reform-visit",
        "title": "Sun Shaocheng tells Baotou Steel to make reform pay",
        "status": "published",
        "published_on": "2024-11-08T08:30:00",
        "age_hours": 24 * 300,
        "authors": ["tom-reyes", "li-wenjing"],
        "tags": ["SOE reform", "Inner Mongolia", "Third Plenum", "Baotou"],
        "officials": ["sun-shaocheng", "meng-fanying", "li-xiao", "ding-xiufeng"],
        "enterprises": ["baotou-steel-group", "china-northern-rare-earth", "baotou-steel-union"],
        "regulators": ["inner-mongolia-sasac"],
        "standfirst": (
            "Touring Baotou Steel Group's rare earth sites, Inner Mongolia's party secretary told the "
            "region's state firms to treat the Third Plenum's reform programme as a deadline and to put "
            "efficiency first."
        ),
        "highlights": [
            "Sun Shaocheng inspected Baotou Steel Group's rare earth operations on 5 November, from a national innovation centre to a smelting upgrade site.",
            "At a symposium with the group, the regional SASAC and the Baotou government he called for a quick breakthrough in state-enterprise reform.",
            "The push follows the Third Plenum's agenda, which gives 2029 as the date by which key reform tasks should be finished.",
        ],
        "image_caption": "Baotou Steel Group's rare earth businesses were the focus of the regional party secretary's tour.",
        "body": """
<p><a href="/officials/sun-shaocheng/">Sun Shaocheng</a>, the Communist Party secretary of <a href="https://en.wikipedia.org/wiki/Inner_Mongolia">Inner Mongolia</a>, spent 5 November at <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a>, the state-owned conglomerate that controls the Bayan Obo iron and rare earth deposit. The trip was billed as research into how the region's state-owned rare earth businesses should be reformed and expanded. The account we draw on here was published by the group's listed rare earth arm, <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>, on <a href="https://www.reehitech.com/">its corporate website</a>.</p>

<h2>Three stops in Baotou</h2>
<p>The itinerary took in the National Rare Earth Functional Materials Innovation Center, the building site of Northern Rare Earth's project to modernise its smelting with cleaner processes, and the technology centre of <a href="/enterprises/baotou-steel-union/">Inner Mongolia Baotou Steel Union</a>. At each stop Sun was briefed on output, day-to-day operations and how new products are being developed and brought to customers.</p>
<p>His instructions tracked the line the region has taken since Xi Jinping's directives on Inner Mongolia's development. Sun tied the visit to the goal of building "two rare earth bases" in the region and asked the companies to do more applied research, to move into higher-value end uses, to bring costs down and to get more of their laboratory work out into the market as products that sell.</p>

<h2>Reform with a deadline</h2>
<p>After the tour Sun chaired a symposium at which Baotou Steel Group, the <a href="/regulators/inner-mongolia-sasac/">regional state-assets commission</a> and the Baotou city government each reported on their work, and participants went through the obstacles the group faces in restructuring. Sun told the region's state firms to carry out the state-asset and state-enterprise reforms laid down at the Third Plenary Session of the 20th Central Committee, to act boldly and to achieve a decisive breakthrough soon.</p>
<p>Efficiency was the thread running through his remarks. State firms, he said, should earn more from their core businesses, from innovation and from tighter management. He also cast reform as a way of fixing past errors, closing loopholes and strengthening controls. The regional commission was told to take the initiative in solving enterprises' problems, and all departments were urged to use the last two months of the year to make sure annual economic targets were met.</p>

<h2>The plenum's agenda in brief</h2>
<p>The <a href="https://en.wikipedia.org/wiki/20th_Central_Committee_of_the_Chinese_Communist_Party">20th Central Committee</a> held its third plenary session in Beijing in July. The table is our own summary of the targets that matter most for the rare earth sector.</p>
<table>
<caption>What the Third Plenum asked for, and why it matters for rare earths (REE Exchange summary)</caption>
<thead><tr><th scope="col">Area</th><th scope="col">What the plenum called for</th><th scope="col">Relevance to rare earths</th></tr></thead>
<tbody>
<tr><th scope="row">Economic system</th><td>A "high-standard" socialist market economy, fairer and more efficient allocation of resources, and more supply-side structural reform</td><td>Sets how far state-dominated sectors will be exposed to market pricing</td></tr>
<tr><th scope="row">Innovation and talent</th><td>Joint reform of the science, education and talent systems to support "high-quality" growth</td><td>Backs the drive to turn Baotou's research centres into sources of saleable products</td></tr>
<tr><th scope="row">Macroeconomic governance</th><td>Fiscal, tax and financial reform, and containment of risks in property, local-government debt and smaller lenders</td><td>Local finances decide how much support regional SOEs can count on</td></tr>
<tr><th scope="row">Security</th><td>National security built into economic decision-making</td><td>Keeps strategic minerals firmly under state control</td></tr>
<tr><th scope="row">Opening up</th><td>Wider market access and international cooperation, weighed against security</td><td>Frames foreign trade and investment in the sector</td></tr>
<tr><th scope="row">Timetable</th><td>Key reform tasks to be completed by 2029, the 80th anniversary of the People's Republic</td><td>Gives regional leaders a date to report against</td></tr>
</tbody>
</table>
<p>The plenum also restated the aim of basically completing socialist modernisation by 2035, and it acknowledged weak household consumption and the gap between urban and rural incomes as problems still to be solved.</p>

<h2>Reading the signals</h2>
<p>Two points stand out. The stress on efficiency is a tacit admission that productivity at large, vertically integrated state groups has lagged, and that folding the industry into a few national champions has not fixed that by itself. The talk of correcting mistakes suggests the authorities have specific problems in mind, even if the readout does not name them.</p>
<p>The second is the pairing of firmer party leadership with modern corporate governance. Party control can make decisions quicker, but it can also move them further from market signals; the release's call for governance on a more "scientific" footing hints that the risk is understood. How Baotou Steel balances the two will set the pace of any restructuring at the world's largest light rare earth complex.</p>

<h2>Who was named</h2>
<p>Reports on the visit listed <a href="/officials/meng-fanying/">Meng Fanying</a>, who leads Baotou Steel Group as party secretary and chairman, and <a href="/officials/li-xiao/">Li Xiao</a>, a senior executive of the group, among those taking part. They also named <a href="/officials/ding-xiufeng/">Ding Xiufeng</a>, described as an alternate member of the Central Committee from 2012 who went on to run the general secretary's office and, from 2016, to serve as a deputy director of the party's General Office.</p>
""",
    },
    # ---- Pegged to real events in 2026 ------------------------------------
    {
        "slug": "baotou-concentrate-price-q1-2026",
        "title": "Baotou rare earth concentrate price rises 2.4% for the first quarter",
        "status": "published",
        "published_on": "2026-01-10T09:00:00",
        "age_hours": 24 * 318,
        "authors": ["tom-reyes"],
        "tags": ["Prices", "Baotou", "Processing"],
        "officials": [],
        "enterprises": ["china-northern-rare-earth", "baotou-steel-union", "baotou-steel-group", "lynas-rare-earths", "mp-materials"],
        "regulators": [],
        "standfirst": (
            "China Northern Rare Earth and Baotou Steel Union have set the related-party price of Bayan Obo "
            "concentrate at 26,834 yuan a tonne for January to March, the sixth quarterly increase in a row."
        ),
        "highlights": [
            "The first-quarter 2026 price is 26,834 yuan per tonne (dry basis, 50% REO, excluding VAT), 629 yuan more than in the fourth quarter.",
            "It is the sixth consecutive quarterly rise; the price is about 60% higher than in the third quarter of 2024.",
            "A formula in use since April 2023 ties each quarter's price to oxide prices in the quarter before.",
        ],
        "image_caption": "The quarterly concentrate price is one of the few published reference points in China's rare earth chain.",
        "body": """
<p><a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a> and its sister company <a href="/enterprises/baotou-steel-union/">Inner Mongolia Baotou Steel Union</a> have fixed the price of rare earth concentrate for the first quarter of 2026 at 26,834 yuan per tonne, 2.4% more than in the last three months of 2025. The price applies to concentrate on a dry basis with a rare earth oxide (REO) content of 50%, and it excludes value-added tax.</p>
<p>Both companies are controlled by <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a> and disclosed the change in filings to the <a href="https://www.sse.com.cn/">Shanghai Stock Exchange</a>. For every percentage point of REO above or below 50%, the price moves by 536.68 yuan a tonne. As in earlier quarters, that step is simply one-fiftieth of the base price.</p>

<h2>How the price is set</h2>
<p>Baotou Steel Union holds the mining rights at Bayan Obo and sells its concentrate to Northern Rare Earth, which separates it into oxides and metals. Because the two share a parent, the sale is a related-party transaction and has to be disclosed. Since 1 April 2023 the price has come from a formula approved by Northern Rare Earth's shareholders: in the first ten days of each quarter the companies feed the previous quarter's market prices for rare earth oxides into it, sign a new supply agreement or supplement, and publish the result.</p>
<p>The concentrate price is therefore a lagging indicator of the oxide market, above all of praseodymium-neodymium (NdPr) oxide, which accounts for most of the value in Bayan Obo ore.</p>

<h2>Eight quarters of prices</h2>
<table>
<caption>Baotou rare earth concentrate related-party price, yuan per tonne (dry basis, REO 50%, excluding VAT)</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col">Price</th><th scope="col">Change on previous quarter</th></tr></thead>
<tbody>
<tr><th scope="row">Q2 2024</th><td>16,792</td><td>n/a</td></tr>
<tr><th scope="row">Q3 2024</th><td>16,741</td><td>-0.3%</td></tr>
<tr><th scope="row">Q4 2024</th><td>17,782</td><td>+6.2%</td></tr>
<tr><th scope="row">Q1 2025</th><td>18,618</td><td>+4.7%</td></tr>
<tr><th scope="row">Q2 2025</th><td>18,825</td><td>+1.1%</td></tr>
<tr><th scope="row">Q3 2025</th><td>19,109</td><td>+1.5%</td></tr>
<tr><th scope="row">Q4 2025</th><td>26,205</td><td>+37.1%</td></tr>
<tr><th scope="row">Q1 2026</th><td>26,834</td><td>+2.4%</td></tr>
</tbody>
</table>
<p>The fourth-quarter 2025 reset stands out. It lifted the price by more than a third, reflecting the strong rally in NdPr oxide during the third quarter of the year. The first-quarter increase is far smaller, which suggests oxide prices were broadly steady in the closing months of 2025.</p>

<h2>Why it matters</h2>
<p>For Northern Rare Earth the concentrate is its largest raw-material cost; for Baotou Steel Union it is an important source of profit alongside steel. For everyone else the quarterly number is one of the few transparent reference points in a supply chain dominated by state-owned groups. It is watched closely by producers outside China such as <a href="/enterprises/lynas-rare-earths/">Lynas</a> and <a href="/enterprises/mp-materials/">MP Materials</a>, whose products compete with Chinese material.</p>
<p>Under the formula, the next adjustment is due in the first ten days of April and will reflect oxide prices in the current quarter. Our <a href="/topics/prices/">prices page</a> tracks each reset.</p>
""",
    },
    {
        "slug": "lynas-lacaze-retirement-heavy-rare-earths",
        "title": "Lacaze to retire from Lynas as its heavy rare earth push gathers pace",
        "status": "published",
        "published_on": "2026-01-14T05:00:00",
        "age_hours": 24 * 314,
        "authors": ["helen-marsh"],
        "tags": ["Australia", "Heavy rare earths", "Supply chain"],
        "officials": ["amanda-lacaze"],
        "enterprises": ["lynas-rare-earths"],
        "regulators": [],
        "standfirst": (
            "The chief executive who turned Lynas into the biggest rare earths producer outside China will "
            "leave at the end of June, as the company expands heavy rare earth separation in Malaysia."
        ),
        "highlights": [
            "Amanda Lacaze, chief executive since 2014, will stay until the end of Lynas's financial year on 30 June while the board searches for a successor.",
            "Lynas became the first commercial producer of separated dysprosium outside China in May 2025 and added terbium weeks later.",
            "A A$180 million heavy rare earths facility in Malaysia is due to produce its first samarium in April.",
        ],
        "image_caption": "Lynas is the only producer outside China separating both light and heavy rare earths at scale.",
        "body": """
<p><a href="/officials/amanda-lacaze/">Amanda Lacaze</a> is to retire as chief executive and managing director of <a href="/enterprises/lynas-rare-earths/">Lynas Rare Earths</a> after twelve years in charge. The company said on Tuesday that she would remain until the end of its financial year on 30 June to allow an orderly handover, and that its board had started looking for a successor among internal and external candidates.</p>
<p>Lacaze joined the board as a non-executive director before taking over as chief executive in 2014, when the company was struggling to make its Malaysian refinery work and to service its debts. Chairman John Humphrey credited her with lifting Lynas's market value from about A$400 million then to roughly A$15 billion, and with turning a troubled start-up into a member of the ASX 50. She said the completion of the company's 2025 investment programme and the launch of its "Towards 2030" strategy made this the right moment to hand over.</p>

<h2>From light to heavy</h2>
<p>Her final years were defined by a move into the part of the market where China's grip is tightest. In May 2025 the separation plant in the Gebeng industrial estate near Kuantan produced on-specification <a href="https://en.wikipedia.org/wiki/Dysprosium">dysprosium</a> oxide, making Lynas the only commercial producer of separated heavy rare earths outside China. Terbium followed a few weeks later, from circuits with a capacity of about 1,500 tonnes a year that were reconfigured for a modest outlay.</p>
<p>Timing helped. China had introduced export licensing for seven medium and heavy rare earths in April 2025, and carmakers in Europe and the United States were warning of production stoppages. Lynas said it was talking to customers in Japan, the United States and Europe, and that prices outside China would reflect the scarcity.</p>

<h2>The next plant</h2>
<p>In October the company went further, announcing an A$180 million heavy rare earths facility at the Malaysian site, able to treat up to 5,000 tonnes a year of feedstock from Mount Weld and, potentially, from Malaysian ionic clay deposits. It is being paid for from an equity raising completed in September. First production of samarium is scheduled for April, and capacity for separated samarium, gadolinium, dysprosium, terbium, yttrium and lutetium is due within two years; europium, holmium, ytterbium and erbium may follow if the economics work.</p>
<p>Lynas has also been pursuing a processing plant in Texas with funding from the US defence department, a project that has moved more slowly than its Australian and Malaysian expansions.</p>

<h2>What the successor inherits</h2>
<p>The next chief executive takes over a company with a mine, a cracking and leaching plant in Kalgoorlie and a separation plant in Malaysia, and with a product list that now reaches into heavy rare earths. The open questions are about execution and price: how quickly the new Malaysian circuits ramp up, whether customers outside China will keep paying a premium for non-Chinese supply, and how the company manages the regulatory scrutiny that has followed its Malaysian operation since it opened in 2012.</p>
<p>Shares in Lynas rose almost 3% on the day of the announcement, in line with the wider sector.</p>
""",
    },
    {
        "slug": "sun-shaocheng-under-investigation",
        "title": "Former Inner Mongolia party chief Sun Shaocheng placed under investigation",
        "status": "published",
        "published_on": "2026-01-30T06:30:00",
        "age_hours": 24 * 298,
        "authors": ["helen-marsh", "li-wenjing"],
        "tags": ["Inner Mongolia", "Policy", "SOE reform"],
        "officials": ["sun-shaocheng"],
        "enterprises": ["baotou-steel-group", "china-northern-rare-earth", "baotou-steel-union"],
        "regulators": ["inner-mongolia-sasac", "miit", "mofcom"],
        "standfirst": (
            "The party's anti-graft body says Sun, who ran Inner Mongolia from 2022 to 2025 while Beijing "
            "tightened its hold on rare earths, is suspected of serious violations of discipline and law."
        ),
        "highlights": [
            "The Central Commission for Discipline Inspection announced the investigation on 29 January and gave no details.",
            "Sun led Inner Mongolia, home to Baotou Steel Group and the Bayan Obo deposit, from April 2022 until September 2025.",
            "Quotas, export licences and the Baotou concentrate price are all set centrally or by formula, which limits the direct effect on the market.",
        ],
        "image_caption": "Inner Mongolia's state enterprises include the group that controls the Bayan Obo deposit.",
        "body": """
<p><a href="/officials/sun-shaocheng/">Sun Shaocheng</a>, who was Communist Party secretary of Inner Mongolia until last September, is under investigation by the <a href="https://en.wikipedia.org/wiki/Central_Commission_for_Discipline_Inspection">Central Commission for Discipline Inspection</a> and the National Supervisory Commission. A short notice from the two bodies on 29 January said he was suspected of "serious violations of discipline and law", the formula the party uses for corruption cases. It gave no further details.</p>
<p>Sun, 65, is a member of the party's 20th Central Committee. He gave up the Inner Mongolia post at the end of September 2025, when Wang Weizhong was named to replace him, and in October became a vice-chairman of the National People's Congress's Social Development Affairs Committee, the kind of legislative post often given to senior officials nearing retirement.</p>

<h2>A career in civil affairs</h2>
<p>Born in Haiyang, Shandong, in 1960, Sun spent almost three decades at the Ministry of Civil Affairs, rising to vice-minister. He then served as a vice-governor of Shandong and later of Shanxi, returned to Beijing briefly as a vice-minister of civil affairs and then of land and resources, and in March 2018 became the first minister of the newly created Ministry of Veterans Affairs. He was sent to Inner Mongolia in April 2022.</p>

<h2>The rare earth years</h2>
<p>His time in Hohhot coincided with Beijing's most explicit treatment yet of rare earths as a strategic asset: new regulations for the industry in 2024, licensing of medium and heavy rare earth exports from April 2025, and a tighter quota system. The regional leadership promoted the goal of building "two rare earth bases" around Baotou. In November 2024 Sun toured <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a>'s rare earth operations and told the region's state firms to speed up reform, as <a href="/articles/sun-shaocheng-baotou-steel-reform-visit/">we reported at the time</a>.</p>
<p>He is not the only senior figure from the region to come under scrutiny. The South China Morning Post has reported that Wang Lixia, chairwoman of the regional government during much of Sun's tenure, was placed under investigation in August 2025.</p>

<h2>What it means for the industry</h2>
<p>The direct effect on the rare earth market is likely to be small. Mining and separation quotas are set by the <a href="/regulators/miit/">Ministry of Industry and Information Technology</a> with other central ministries; export licences are issued by the <a href="/regulators/mofcom/">Ministry of Commerce</a>; and the price at which <a href="/enterprises/baotou-steel-union/">Baotou Steel Union</a> sells concentrate to <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a> follows a published formula.</p>
<p>The region's state enterprises, however, answer to the <a href="/regulators/inner-mongolia-sasac/">Inner Mongolia SASAC</a> and the regional party committee, and the investigation of a former party chief can be followed by closer scrutiny of the projects and appointments made on his watch. Under party procedure, a disciplinary review comes first; a decision on expulsion and any referral to prosecutors would follow later.</p>
<p>We will report any disclosures by the listed companies in the Baotou Steel group that bear on the case.</p>
""",
    },
    {
        "slug": "china-rare-earth-export-controls-explainer",
        "title": "Explainer: the layers of China's rare earth export controls",
        "status": "published",
        "published_on": "2026-10-20T08:00:00",
        "age_hours": 24 * 36,
        "authors": ["li-wenjing", "tom-reyes"],
        "tags": ["Export controls", "Policy", "Heavy rare earths", "Supply chain"],
        "officials": [],
        "enterprises": [],
        "regulators": ["mofcom", "miit"],
        "standfirst": (
            "Beijing has built its restrictions in stages since 2023. One layer has applied since April "
            "2025; a wider package announced in October 2025 is suspended until 10 November."
        ),
        "highlights": [
            "Exporting the know-how to extract and separate rare earths, or to make rare earth magnets, has been banned since December 2023.",
            "Seven medium and heavy rare earths, and magnets that contain them, have needed export licences since April 2025.",
            "A broader October 2025 package, including rules that reach foreign-made goods, is paused until 10 November 2026.",
        ],
        "image_caption": "China's export controls now reach from separation technology to finished magnets.",
        "body": """
<p>China's controls on rare earth exports are often described as a single policy. They are better understood as layers, added over three years by different instruments, some of which are in force and one of which is on hold. With the pause on the most ambitious layer due to end on 10 November, this is a guide to what applies today.</p>

<h2>Layer one: technology</h2>
<p>In December 2023 the government revised its catalogue of technologies whose export is prohibited or restricted. The new version bans the export of technology for extracting and separating rare earths and for producing rare earth metals, alloys and high-performance magnets. It received less attention than later measures, but it matters most in the long run: it is aimed at the processing know-how that foreign projects most need.</p>

<h2>Layer two: licences for seven elements</h2>
<p>On 4 April 2025 the <a href="/regulators/mofcom/">Ministry of Commerce</a> and the General Administration of Customs put seven medium and heavy rare earths under dual-use export control: samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium. The controls cover oxides, metals, alloys and compounds, and magnets containing those elements. Exporters need a licence for each contract, and applications are reviewed case by case with information on end users and end uses.</p>
<p>Shipments of magnets fell sharply in the weeks that followed, before recovering as licences were granted, in some cases on a temporary basis to suppliers of carmakers. This layer has not been suspended.</p>

<h2>Layer three: the October 2025 package</h2>
<p>On 9 October 2025 the ministry issued a much broader set of announcements. They added five more elements (holmium, erbium, thulium, europium and ytterbium); covered production equipment and some auxiliary materials; tightened controls on technology, including assistance by Chinese nationals to overseas rare earth and recycling projects; and, most strikingly, asserted jurisdiction over foreign-made goods that contain Chinese-origin rare earth material worth 0.1% or more of their value, or that were made with Chinese technology.</p>
<p>After presidents Xi Jinping and Donald Trump met in Busan on 30 October, the ministry suspended six of the October announcements on 7 November 2025 through its Announcement No. 70, with effect until 10 November 2026. The legal texts were not withdrawn.</p>

<table>
<caption>China's rare earth export controls at a glance (as of 20 October 2026)</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Instrument</th><th scope="col">What it covers</th><th scope="col">Status</th></tr></thead>
<tbody>
<tr><th scope="row">December 2023</th><td>Revised catalogue of technologies prohibited or restricted from export</td><td>Extraction, separation, metal and magnet-making technology</td><td>In force</td></tr>
<tr><th scope="row">1 October 2024</th><td>Rare Earth Management Regulations (State Council)</td><td>Whole-chain management, traceability, trade compliance</td><td>In force</td></tr>
<tr><th scope="row">4 April 2025</th><td>MOFCOM and customs dual-use controls</td><td>Sm, Gd, Tb, Dy, Lu, Sc, Y and related products, including magnets</td><td>In force; licence per contract</td></tr>
<tr><th scope="row">9 October 2025</th><td>Announcements 55 to 58, 61 and 62</td><td>Five more elements, equipment, technology, foreign-made goods above a 0.1% threshold</td><td>Suspended until 10 November 2026</td></tr>
</tbody>
</table>

<h2>Who runs the system</h2>
<p>The commerce ministry decides what is controlled and issues licences; customs enforces at the border. The <a href="/regulators/miit/">Ministry of Industry and Information Technology</a> does not issue export licences, but its quotas and its traceability platform determine how much material exists to be exported, and by whom. Our <a href="/articles/rare-earth-management-regulations-explained/">explainer on the Rare Earth Management Regulations</a> sets out how those pieces fit together.</p>

<h2>What to watch</h2>
<p>The ministry has three options as the suspension ends: extend it, let the October measures take effect, or replace them with a revised version. Each would be announced in the same way as the original measures, on the ministry's <a href="https://www.mofcom.gov.cn/">website</a>. Companies that mapped the Chinese-origin content of their products in 2025 should keep that work current, because the 0.1% rule, if it returns, would make that content a compliance question for manufacturers far from China.</p>
""",
    },
    {
        "slug": "how-china-rare-earth-group-was-assembled",
        "title": "How China Rare Earth Group was assembled, and what it controls",
        "status": "published",
        "age_hours": 24 * 240 + 5,
        "authors": ["li-wenjing"],
        "tags": ["SOE reform", "Heavy rare earths", "Policy"],
        "officials": ["xu-ming"],
        "enterprises": ["china-rare-earth-group", "china-minmetals-rare-earth", "china-northern-rare-earth"],
        "regulators": ["sasac", "jiangxi-sasac"],
        "standfirst": (
            "Created in Ganzhou in December 2021 from the rare earth businesses of three state groups, the "
            "central SOE now anchors China's southern, heavy rare earth supply."
        ),
        "highlights": [
            "China Rare Earth Group was founded on 23 December 2021 and answers directly to the central SASAC.",
            "Chinalco, China Minmetals and Ganzhou Rare Earth Group each took 20.33%, SASAC 31.21% and two research institutes 3.9% apiece.",
            "Its listed platform is the former China Minmetals Rare Earth, which trades in Shenzhen under the code 000831.",
        ],
        "image_caption": "China Rare Earth Group brought together the rare earth assets of three state-owned groups.",
        "body": """
<p>When <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a> was inaugurated in Ganzhou on 23 December 2021, it settled a question that had hung over the industry for a decade: who would own the rare earth deposits of southern China. The answer was a new central state-owned enterprise, supervised directly by the <a href="/regulators/sasac/">State-owned Assets Supervision and Administration Commission</a> and built from the rare earth businesses of three existing state groups.</p>

<h2>The building blocks</h2>
<p>Aluminum Corporation of China (Chinalco) contributed its China Rare Earth subsidiary. China Minmetals contributed its rare earth holdings, including the listed <a href="/enterprises/china-minmetals-rare-earth/">China Minmetals Rare Earth</a>. Ganzhou Rare Earth Group, owned by the city of Ganzhou in Jiangxi, brought China Southern Rare Earth Group and its interests in the region's mines and trading platform. Two state research institutes, China Iron and Steel Research Institute Group and GRINM Group, joined as minority shareholders.</p>
<table>
<caption>Shareholders of China Rare Earth Group at its founding in December 2021</caption>
<thead><tr><th scope="col">Shareholder</th><th scope="col">Type</th><th scope="col">Stake</th></tr></thead>
<tbody>
<tr><th scope="row">SASAC of the State Council</th><td>Central state-assets regulator</td><td>31.21%</td></tr>
<tr><th scope="row">Aluminum Corporation of China (Chinalco)</th><td>Central SOE</td><td>20.33%</td></tr>
<tr><th scope="row">China Minmetals</th><td>Central SOE</td><td>20.33%</td></tr>
<tr><th scope="row">Ganzhou Rare Earth Group</th><td>Local SOE, Ganzhou city</td><td>20.33%</td></tr>
<tr><th scope="row">China Iron and Steel Research Institute Group</th><td>Central research group</td><td>3.90%</td></tr>
<tr><th scope="row">GRINM Group</th><td>Central research group</td><td>3.90%</td></tr>
</tbody>
</table>

<h2>Why the south needed a champion</h2>
<p>Southern China's deposits are unlike Bayan Obo in the north. They are ion-adsorption clays: thin, weathered layers in which rare earths cling to clay particles and can be leached out with salt solutions. They are small and scattered, but they are rich in the medium and heavy elements, such as dysprosium, terbium and yttrium, that the giant northern deposit largely lacks. For years they were also the scene of illegal mining and serious pollution from leaching, which is one reason the authorities wanted a single, accountable owner.</p>
<p>Before the merger, the southern resources were split between several groups that competed for the same counties in Jiangxi, Guangdong, Fujian and elsewhere. The new company, with headquarters in Ganzhou, concentrated most of them under one central owner and became, with <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>, one of the two poles of the industry.</p>

<h2>The local angle</h2>
<p>For Jiangxi the deal meant handing a prized local asset up the chain. Ganzhou's rare earth group had been the city's champion and a major source of revenue and jobs. The <a href="/regulators/jiangxi-sasac/">Jiangxi provincial SASAC</a> and the city kept a say through Ganzhou's shareholding, and the headquarters stayed in the city. <a href="/officials/xu-ming/">Xu Ming</a>, now a deputy director of the provincial commission, ran Ganzhou's municipal state-assets commission in the years when the city's holdings were being prepared for the restructuring.</p>

<h2>The listed platform</h2>
<p>After the restructuring, China Minmetals Rare Earth, listed in Shenzhen, was renamed China Rare Earth Group Resources Technology and became the group's main listed vehicle for separation and rare earth products. Its filings, together with the quota allocations announced by the industry ministry in years when they were published, are the best public guide to the group's output.</p>

<h2>What to watch</h2>
<p>Consolidation has been the easy part. The harder tasks are cleaning up the legacy of southern mining, raising recovery rates, and moving the group into higher-value materials without undercutting the magnet makers that are its customers. With heavy rare earths now central to China's export controls, the group's performance has become a matter of national strategy as well as of profit.</p>
""",
    },
    {
        "slug": "what-a-regional-sasac-does",
        "title": "Explainer: what a regional SASAC does, and why Baotou's rare earths answer to one",
        "status": "published",
        "age_hours": 20,
        "authors": ["li-wenjing", "helen-marsh"],
        "tags": ["SOE reform", "Inner Mongolia", "Policy"],
        "officials": ["han-zhiqiang", "liu-yanmei"],
        "enterprises": ["baotou-steel-group", "china-northern-rare-earth", "china-rare-earth-group"],
        "regulators": ["sasac", "inner-mongolia-sasac", "baotou-sasac"],
        "standfirst": (
            "China's state-assets commissions act as the government's shareholder in thousands of "
            "companies. In Inner Mongolia, that makes the regional commission the owner's voice at Baotou "
            "Steel Group."
        ),
        "highlights": [
            "SASACs exist at national, provincial and city level, and each acts as shareholder for the state firms at its own tier.",
            "They set targets, assess and help appoint executives and approve restructurings; they do not set mining quotas.",
            "Inner Mongolia's commission oversees Baotou Steel Group, the parent of China Northern Rare Earth.",
        ],
        "image_caption": "The state-assets commissions sit between governments and the companies they own.",
        "body": """
<p>Readers of Chinese rare earth news meet the acronym SASAC constantly, usually without explanation. It stands for State-owned Assets Supervision and Administration Commission, and there is not one of them but hundreds: a national commission in Beijing and a network of provincial and municipal ones beneath it. Understanding what they do, and what they do not do, helps make sense of who really decides things at companies such as <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a>.</p>

<h2>An owner, not a market regulator</h2>
<p>A SASAC is the state's shareholder. The <a href="/regulators/sasac/">national commission</a>, created in 2003, holds that role for the centrally owned enterprises, among them <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a>. Each province, autonomous region and many cities have their own commission doing the same job for the companies their governments own.</p>
<p>The distinction matters. Rare earth mining and separation quotas come from the industry ministry, environmental rules from environmental authorities, and export licences from the commerce ministry. A SASAC does none of that. Its levers are those of an owner: targets, people, capital and structure.</p>

<h2>Three tiers</h2>
<table>
<caption>China's three tiers of state-assets supervision, with rare earth examples</caption>
<thead><tr><th scope="col">Tier</th><th scope="col">Body</th><th scope="col">Answers to</th><th scope="col">Rare earth example</th></tr></thead>
<tbody>
<tr><th scope="row">National</th><td>SASAC of the State Council</td><td>State Council</td><td>China Rare Earth Group</td></tr>
<tr><th scope="row">Provincial or regional</th><td>Inner Mongolia SASAC</td><td>Regional government, with guidance from the national SASAC</td><td>Baotou Steel Group, and through it China Northern Rare Earth</td></tr>
<tr><th scope="row">Municipal</th><td>Baotou Municipal SASAC</td><td>City government, with guidance from the regional SASAC</td><td>City investment and industrial-park companies</td></tr>
</tbody>
</table>

<h2>What the owner does</h2>
<p>In practice a regional commission such as the <a href="/regulators/inner-mongolia-sasac/">Inner Mongolia SASAC</a> does five things. It sets annual and multi-year performance targets and assesses results, which feed into executives' pay. It takes part in appointing, evaluating and removing senior managers, alongside the party's organisation departments, which handle the top posts. It approves mergers, asset transfers and restructurings. It decides how capital moves between companies, including dividends paid up to the owner. And it carries out national reform programmes, such as the 2023 to 2025 drive to "deepen and upgrade" state-enterprise reform, at regional level.</p>
<p>The arrangement is often described as dual guidance. The regional commission is a department of the regional government and follows its priorities, but it also takes professional direction from the national SASAC, which writes the rules on governance, accounting and reform for the whole system.</p>

<h2>The Inner Mongolia case</h2>
<p>Baotou Steel Group is the region's biggest industrial company and the owner of <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>, so the regional commission's choices about leadership, targets and restructuring reach directly into the world's largest light rare earth business. When the region's party leadership calls on state firms to reform, as it did at Baotou Steel in November 2024, the commission is the body expected to turn that into plans and to report progress.</p>
<p><a href="/officials/han-zhiqiang/">Han Zhiqiang</a>, a deputy director of the regional commission, oversees its enterprise reform work; he previously ran the city-level commission in Baotou.</p>
<p>The <a href="/regulators/baotou-sasac/">Baotou Municipal SASAC</a>, led by <a href="/officials/liu-yanmei/">Liu Yanmei</a>, sits one tier lower. It does not own Baotou Steel, but it owns the city's investment and industrial-park companies, which build the sites where magnet makers and other downstream users of Northern Rare Earth's products set up.</p>

<h2>Why it matters for readers</h2>
<p>Because SASACs act as owners, their decisions show up in the places owners act: board changes, related-party deals, asset transfers between group companies and dividend policy. Those are disclosed by the listed subsidiaries, which makes filings by Northern Rare Earth and its sister companies the best window on what the regional commission wants.</p>
""",
    },
    {
        "slug": "mp-materials-pentagon-price-floor",
        "title": "MP Materials and the Pentagon: a price floor as industrial policy",
        "status": "published",
        "age_hours": 24 * 170 + 3,
        "authors": ["tom-reyes"],
        "tags": ["United States", "Magnets", "Supply chain", "Prices"],
        "officials": ["james-litinsky"],
        "enterprises": ["mp-materials", "shenghe-resources"],
        "regulators": [],
        "standfirst": (
            "The 2025 agreement made the US defence department MP's largest shareholder and guaranteed a "
            "minimum price for NdPr. It remains Washington's most direct attempt to price a supply chain "
            "outside China."
        ),
        "highlights": [
            "The Department of Defense bought $400 million of MP preferred stock and set a ten-year floor of $110 a kilogram for NdPr products.",
            "It also agreed that all the output of MP's planned \u201c10X\u201d magnet plant would be bought for ten years.",
            "Apple separately committed $500 million to buy US-made magnets from recycled material, with deliveries from 2027.",
        ],
        "image_caption": "MP Materials' agreements turned a mining company into an instrument of US industrial policy.",
        "body": """
<p>For most of the past decade, the argument against building a rare earth supply chain outside China was about price. Chinese producers could sell neodymium-praseodymium (NdPr) oxide cheaply enough to make new plants elsewhere look uneconomic, and buyers had little reason to pay more. The July 2025 agreement between <a href="/enterprises/mp-materials/">MP Materials</a> and the US Department of Defense was designed to take that argument away.</p>

<h2>The terms</h2>
<table>
<caption>Main terms of MP Materials' July 2025 agreements with the US government and Apple</caption>
<thead><tr><th scope="col">Element</th><th scope="col">What was agreed</th></tr></thead>
<tbody>
<tr><th scope="row">Equity</th><td>$400 million of convertible preferred stock bought by the Department of Defense, making it the largest shareholder</td></tr>
<tr><th scope="row">Price floor</th><td>$110 per kilogram for NdPr products for ten years, with the government paying the difference when market prices are lower</td></tr>
<tr><th scope="row">Offtake</th><td>All magnets from the new "10X" plant bought for ten years</td></tr>
<tr><th scope="row">Loan</th><td>$150 million to add heavy rare earth separation at Mountain Pass</td></tr>
<tr><th scope="row">Private finance</th><td>$1 billion of commitments from JPMorgan and Goldman Sachs for the 10X plant</td></tr>
<tr><th scope="row">Apple</th><td>$500 million commitment to buy magnets made from recycled material, with deliveries from 2027</td></tr>
</tbody>
</table>
<p>The 10X plant is meant to lift MP's magnet capacity to about 10,000 tonnes a year, with commissioning planned for 2028. It adds to the company's first magnet factory in Fort Worth, Texas, which supplies General Motors.</p>

<h2>Why a floor</h2>
<p>The price floor is the heart of the deal. At $110 a kilogram it sat well above prevailing Chinese NdPr prices when it was agreed, which is exactly the point: it turns a commodity business exposed to decisions in Beijing into something closer to a contracted utility. <a href="/officials/james-litinsky/">James Litinsky</a>, MP's founder, chairman and chief executive, presented it as a decisive step towards American supply-chain independence.</p>
<p>Critics raised two objections. One is cost: if Chinese prices stay low, the government pays the gap for a decade. The other is precedent: a single company now enjoys a guaranteed price that its would-be competitors in the United States do not. Supporters answer that no private investor would finance magnet plants against Chinese price risk, and that the guarantee is cheaper than the alternative of dependence.</p>

<h2>Cutting the China link</h2>
<p>The deal also completed a break in MP's commercial model. For years it shipped most of its Mountain Pass concentrate to China for separation, with <a href="/enterprises/shenghe-resources/">Shenghe Resources</a>, a Chinese processor and long-standing MP shareholder, as its main customer. In April 2025, as tariffs between the two countries escalated, MP stopped shipping concentrate to China and began stockpiling or processing it at home. The government's offtake and price commitments give that domestic route a financial footing.</p>

<h2>What to watch</h2>
<p>Execution is the test. MP must bring separated heavy rare earths into production at Mountain Pass, ramp up Fort Worth, and build the 10X plant on schedule. Watch the cost of the floor in the company's reports as well: how much the government pays in practice will show how far apart Chinese and American prices remain. Other governments trying to finance projects that cannot compete with Chinese prices on their own will be watching the results closely.</p>
""",
    },
    {
        "slug": "china-rare-earth-quotas-go-quiet",
        "title": "China's rare earth quotas go quiet",
        "status": "published",
        "age_hours": 24 * 125 + 2,
        "authors": ["li-wenjing"],
        "tags": ["Mining quotas", "Policy", "Processing"],
        "officials": ["zhou-wenbin"],
        "enterprises": ["china-northern-rare-earth", "china-rare-earth-group", "xiamen-tungsten"],
        "regulators": ["miit"],
        "standfirst": (
            "For years China's national mining and separation quotas were public numbers the market could "
            "model. Since 2025 they have been issued without announcement, under rules that now also cover "
            "imported ore."
        ),
        "highlights": [
            "National mining quotas nearly doubled between 2020 and 2024, to 270,000 tonnes of rare earth oxide.",
            "Only two groups, China Northern Rare Earth and China Rare Earth Group, received quotas in 2024.",
            "Interim measures issued in August 2025 extend total-volume control to imported feedstock and make monthly reporting mandatory.",
        ],
        "image_caption": "Quotas decide how much ore China's designated rare earth groups may mine and separate.",
        "body": """
<p>Every year China's industry ministry tells the designated rare earth groups how much ore they may mine and how much they may separate. For most of the past decade those figures were published, often in two batches, and they became one of the market's key data points. In 2025 that stopped: the quotas were handed to producers without the customary public notice, and the rules behind them were rewritten.</p>

<h2>Five years of published quotas</h2>
<table>
<caption>China's national rare earth quotas, tonnes of rare earth oxide (REO)</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Mining</th><th scope="col">Smelting and separation</th><th scope="col">Change in mining quota</th></tr></thead>
<tbody>
<tr><th scope="row">2020</th><td>140,000</td><td>135,000</td><td>n/a</td></tr>
<tr><th scope="row">2021</th><td>168,000</td><td>162,000</td><td>+20%</td></tr>
<tr><th scope="row">2022</th><td>210,000</td><td>202,000</td><td>+25%</td></tr>
<tr><th scope="row">2023</th><td>255,000</td><td>243,850</td><td>+21%</td></tr>
<tr><th scope="row">2024</th><td>270,000</td><td>254,000</td><td>+6%</td></tr>
<tr><th scope="row">2025</th><td colspan="3">Issued to producers; not published</td></tr>
</tbody>
</table>
<p>Two patterns stand out. Growth in the mining quota slowed sharply in 2024, to about 6% from more than 20% a year. And the growth came from the rock-type ores of the north, chiefly Bayan Obo, which are rich in light rare earths; the allowance for southern ion-adsorption clays, the main domestic source of dysprosium and terbium, was held flat for years and trimmed in the first batch of 2024. The holders have narrowed too. In 2024 the quotas went to just two groups: <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>, with the larger share, and <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a>, which by then had taken over the Guangdong rare earth group and whose allocation also covered the mining assets of <a href="/enterprises/xiamen-tungsten/">Xiamen Tungsten</a>.</p>

<h2>New rules, less visibility</h2>
<p>The change in practice came with a change in the rulebook. The <a href="/regulators/miit/">Ministry of Industry and Information Technology</a>, the National Development and Reform Commission and the Ministry of Natural Resources issued interim measures on the "total-volume control" of mining and of smelting and separation, made public in August 2025 and effective at once. They replace the production-plan rules of 2012 and derive their authority from the Mineral Resources Law and the Rare Earth Management Regulations.</p>
<p>The measures make three important changes. Quotas may go only to the designated rare earth groups and their units, closing the door to anyone else. The control now covers the separation of imported feedstock, including monazite, as well as domestic ore, which brings the material China buys from Myanmar, Laos and elsewhere inside the same ceiling. And every producer must report its output and product flows each month, by the 10th, to a national traceability platform.</p>
<p>The work is handled by the ministry's raw materials industry department, where <a href="/officials/zhou-wenbin/">Zhou Wenbin</a> is one of the deputy directors-general. The ministry has said the allocation takes into account economic development goals, the size and type of reserves, ecological protection and market demand, but it no longer puts a number on the result.</p>

<h2>What it means for the market</h2>
<p>Without published totals, analysts have to infer supply from company disclosures, export data and the concentrate price set each quarter in Baotou. That makes prices harder to forecast and gives the authorities more room to adjust supply quietly. It also fits the wider direction of policy since 2024: rare earths are treated less as a commodity and more as a strategic resource, with data on them closer to the state's chest.</p>
<p>For foreign buyers the implication is that Chinese supply, already subject to export licensing for heavy rare earths, is now also less predictable at the source. That strengthens the case, already being made in Washington and Canberra, for paying more for supply from elsewhere.</p>
""",
    },
    {
        "slug": "magnet-makers-export-licences",
        "title": "For China's magnet makers, the export licence is now part of the product",
        "status": "published",
        "age_hours": 24 * 83 + 6,
        "authors": ["tom-reyes"],
        "tags": ["Magnets", "Export controls", "Supply chain", "Baotou"],
        "officials": [],
        "enterprises": ["china-northern-rare-earth"],
        "regulators": ["mofcom"],
        "standfirst": (
            "Since April 2025, magnets containing dysprosium, terbium and other controlled elements have "
            "needed a licence for every export contract. Producers have had to add compliance to their "
            "engineering."
        ),
        "highlights": [
            "China makes the large majority of the world's neodymium-iron-boron magnets, the strongest permanent magnets in commercial use.",
            "Magnets that contain any of the seven elements controlled since April 2025 need an export licence for each contract.",
            "Demand from electric vehicles, wind turbines, industrial motors and robots keeps pulling on supply despite the paperwork.",
        ],
        "image_caption": "Sintered NdFeB magnets are the main end use for China's rare earth output by value.",
        "body": """
<p>Most of the value in the rare earth chain ends up in one product: the sintered <a href="https://en.wikipedia.org/wiki/Neodymium_magnet">neodymium-iron-boron magnet</a>. These magnets, the strongest permanent magnets made at scale, sit inside the traction motors of electric cars, the generators of many wind turbines, industrial servo motors and, increasingly, robots. China makes the large majority of them, and for its magnet producers the past eighteen months have been a lesson in how trade policy reaches the factory floor.</p>

<h2>Why the heavy elements matter</h2>
<p>A standard NdFeB magnet is mostly iron, with about a third neodymium and praseodymium and a little boron. For motors that run hot, producers add small amounts of dysprosium or terbium, which help the magnet resist demagnetisation at high temperature. Those two elements are among the seven that the <a href="/regulators/mofcom/">Ministry of Commerce</a> placed under export control in April 2025, and the controls extend to magnets that contain them.</p>
<p>In practice that means a large share of magnets made for cars and industrial motors need a licence for each export contract. Applications require details of the end user and the end use, and they are examined case by case.</p>

<h2>A difficult spring</h2>
<p>When the controls arrived, exporters had no licences and no experience of the procedure. Shipments fell steeply in April and May 2025, and carmakers in Europe, Japan and the United States warned that assembly lines could stop. Licences began to flow in early summer, some of them temporary approvals for suppliers to large vehicle makers, and exports recovered over the following months, though not evenly across customers or destinations.</p>
<p>The episode left a lasting change. Large producers built export-compliance teams, learned to gather end-user documentation before quoting, and started building licence time into delivery schedules. Customers outside China, for their part, began asking for more inventory to be held closer to their plants.</p>

<h2>Engineering around the problem</h2>
<p>The industry's technical answer to heavy rare earth scarcity predates the controls. Grain-boundary diffusion, in which dysprosium or terbium is applied to the surface of a finished magnet and diffused along the grain boundaries, achieves similar heat resistance with much less heavy rare earth than mixing it through the whole alloy. Magnet makers have spent years refining it, and the controls have given them another reason to push further. Some motor designers are going the other way, redesigning cooling so that magnets with little or no heavy rare earth content can be used.</p>

<h2>Baotou's place in the chain</h2>
<p>Several large magnet producers have built plants in Baotou, close to the oxide and metal output of <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>, drawn by feedstock, cheap power and the region's plans to move up the value chain. For those plants the new export regime is less of a constraint on domestic sales, which remain unlicensed, than on the overseas orders that carry the best margins.</p>

<h2>What to watch</h2>
<p>Demand is not the problem: electric vehicles, wind power, industrial automation and the early market for humanoid robots all point to growth. The questions are how smoothly licences are granted, whether the controls are widened again, and how fast plants outside China, such as those being built in the United States, can take a meaningful share of supply.</p>
""",
    },
    {
        "slug": "rare-earth-magnet-recycling",
        "title": "Magnet recycling: small volumes, growing strategic weight",
        "status": "published",
        "age_hours": 24 * 48 + 4,
        "authors": ["helen-marsh"],
        "tags": ["Recycling", "Magnets", "United States", "Supply chain"],
        "officials": [],
        "enterprises": ["mp-materials"],
        "regulators": ["mofcom"],
        "standfirst": (
            "Recovering rare earths from scrap magnets will not replace mining for decades. But it is one "
            "of the few sources of supply that governments outside China can build quickly, and they have "
            "noticed."
        ),
        "highlights": [
            "Most recycled rare earth material today comes from manufacturing scrap, not from old motors and hard drives.",
            "Apple's agreement with MP Materials calls for magnets made from recycled feedstock, with deliveries from 2027.",
            "China's suspended October 2025 controls would have covered assistance to overseas recycling projects.",
        ],
        "image_caption": "Scrap from magnet machining is the largest source of recycled rare earths today.",
        "body": """
<p>Ask where recycled rare earths come from and most people picture old electric motors and discarded hard drives. In reality, most of the material recycled today never leaves the factory. Cutting and grinding sintered magnets to shape turns a significant share of each block into swarf and rejects, and that scrap, clean and of known composition, is the backbone of the recycling industry. China, which makes most of the world's magnets, also does most of the recycling.</p>

<h2>Why end-of-life recycling is hard</h2>
<p>Magnets at the end of a product's life are small, glued in place, coated, and mixed with steel, copper and plastics. Collecting them in volume means dismantling motors and drives that were never designed to come apart. Until recently, low rare earth prices meant the economics rarely worked outside specialised streams such as hard drives from data centres.</p>
<p>Two families of technology are used. Hydrometallurgical routes dissolve the scrap and separate the rare earths back into oxides, which can then go through the normal metal and magnet process. Short-loop routes, such as hydrogen processing, break the magnet alloy into powder that can be re-sintered into new magnets without returning to the oxide stage, saving energy and cost when the scrap is clean enough.</p>

<h2>The policy turn</h2>
<p>Three developments have changed the picture. First, China's export controls on medium and heavy rare earths since April 2025 have made any supply outside its licensing system more valuable, and recycled dysprosium and terbium especially so. Second, governments have started to pay for it: in July 2025 Apple committed $500 million to buy magnets made by <a href="/enterprises/mp-materials/">MP Materials</a> from recycled material in the United States, with deliveries planned from 2027 and a recycling line at Mountain Pass. Third, China itself signalled the strategic value of the technology: the package of controls announced on 9 October 2025 and later suspended would have required approval for Chinese nationals helping with overseas rare earth projects, recycling included.</p>
<p>The Rare Earth Management Regulations, in force since October 2024, also encourage the comprehensive use of secondary resources inside China, bringing recycled material into the same traceability system as mined ore.</p>

<h2>How big can it get?</h2>
<p>Not big enough to replace mining for a long time. Demand for magnets is growing faster than the pool of products reaching the end of their lives, and the motors in today's electric cars will not come back for recycling for a decade or more. Manufacturing scrap will stay the main source, which means recycling outside China grows only as magnet making outside China grows.</p>
<p>But recycling has two features that matter to policymakers. It can be built faster than a new mine and separation plant, and it recovers exactly the heavy elements that are hardest to source. For a country trying to reduce its exposure to export controls, those are useful properties.</p>

<h2>What to watch</h2>
<p>Look for long-term offtake deals that specify recycled content, as Apple's does, and for collection schemes for motors from scrapped vehicles and wind turbines. The decision on whether China's October 2025 controls return will also show whether Beijing sees recycling abroad as a threat worth restricting.</p>
""",
    },
    {
        "slug": "rare-earth-management-regulations-explained",
        "title": "The Rare Earth Management Regulations, explained",
        "status": "published",
        "age_hours": 24 * 26 + 1,
        "authors": ["li-wenjing"],
        "tags": ["Policy", "Mining quotas", "Supply chain"],
        "officials": ["zhou-wenbin"],
        "enterprises": [],
        "regulators": ["miit", "mofcom"],
        "standfirst": (
            "In force since October 2024, the State Council's regulations are the legal spine of China's "
            "rare earth policy. Quotas, traceability and trade rules all hang from them."
        ),
        "highlights": [
            "The regulations declare rare earth resources state property and make the industry ministry the lead regulator.",
            "Only enterprises designated by the state may mine or separate rare earths, within total-volume controls.",
            "A traceability system is meant to follow every product from mine to export.",
        ],
        "image_caption": "The 2024 regulations brought mining, processing, trade and reserves under one legal text.",
        "body": """
<p>For most of its history China's rare earth industry was governed by a patchwork of ministry notices, quota circulars and campaigns against illegal mining. The Rare Earth Management Regulations, issued by the State Council in June 2024 and in force since 1 October that year, replaced the patchwork with a single administrative regulation. Nearly every rule that has followed, from the August 2025 quota measures to the traceability platform, cites it as its authority.</p>

<h2>Who does what</h2>
<table>
<caption>Responsibilities under the Rare Earth Management Regulations (simplified)</caption>
<thead><tr><th scope="col">Body</th><th scope="col">Main responsibilities</th></tr></thead>
<tbody>
<tr><th scope="row">Ministry of Industry and Information Technology</th><td>Lead regulator for the industry; total-volume control of mining and of smelting and separation, with other ministries; designation of enterprises; traceability system</td></tr>
<tr><th scope="row">Ministry of Natural Resources</th><td>Mineral resources, exploration and mining rights, and joint work on mining quotas</td></tr>
<tr><th scope="row">National Development and Reform Commission</th><td>Industrial planning and joint work on total-volume control</td></tr>
<tr><th scope="row">Ministry of Commerce and customs</th><td>Import and export of rare earth products, technology and equipment, including export controls</td></tr>
<tr><th scope="row">Local governments</th><td>Supervision within their areas, including action against illegal mining and processing</td></tr>
</tbody>
</table>

<h2>State property, designated operators</h2>
<p>The regulations begin by stating that rare earth resources belong to the state and that no organisation or individual may encroach on or damage them. From that principle follows the central mechanism: only enterprises designated by the state may mine rare earths or separate them, and they must stay within the annual total-volume controls. Buying, processing or selling rare earths produced outside the system is prohibited.</p>
<p>The <a href="/regulators/miit/">Ministry of Industry and Information Technology</a> leads. Its raw materials industry department, where <a href="/officials/zhou-wenbin/">Zhou Wenbin</a> is a deputy director-general, drafts the detailed rules and runs the allocation.</p>

<h2>Tracing every tonne</h2>
<p>The most ambitious provision is a product traceability system. Mining, separation, metal-making and comprehensive-utilisation enterprises, together with exporters, must record where their rare earth products come from and where they go, and enter the data into a national platform. The August 2025 measures turned that into a monthly obligation. The aim is to make illegal material hard to sell, and to give the state a real-time view of stocks and flows.</p>

<h2>Recycling and reserves</h2>
<p>The regulations encourage the recovery of rare earths from secondary resources, such as magnet scrap, but bar recyclers from treating primary ore, so that recycling cannot become a back door for unlicensed mining. They also provide for state reserves of rare earths, combining stockpiles of products with reserves of deposits held back from development.</p>

<h2>Trade</h2>
<p>Imports and exports of rare earth products, and of related technology and equipment, must comply with China's foreign trade and export-control laws. The regulations do not themselves list controlled items; that is done by the <a href="/regulators/mofcom/">Ministry of Commerce</a> through separate announcements, as with the licensing of seven medium and heavy rare earths from April 2025. Our <a href="/articles/china-rare-earth-export-controls-explainer/">export-controls explainer</a> covers those in detail.</p>

<h2>Why it matters</h2>
<p>The regulations matter less for any single rule than for what they settle. Rare earths are treated as a strategic resource under unified state control; operators are a closed circle of designated groups; and data about the industry belongs to the state first. Expect future changes to come as implementing measures under this framework rather than as new laws.</p>
""",
    },
    {
        "slug": "baotou-two-rare-earth-bases",
        "title": "Baotou's 'two bases' plan: turning Bayan Obo ore into higher-value products",
        "status": "published",
        "age_hours": 24 * 5 + 3,
        "authors": ["tom-reyes", "helen-marsh"],
        "tags": ["Baotou", "Inner Mongolia", "Processing", "Magnets"],
        "officials": ["liu-yanmei"],
        "enterprises": ["baotou-steel-group", "china-northern-rare-earth", "baotou-steel-union"],
        "regulators": ["baotou-sasac", "inner-mongolia-sasac"],
        "standfirst": (
            "Inner Mongolia wants Baotou to be known for magnets and materials, not just for ore and "
            "oxides. The city has the feedstock and the power; the harder part is the know-how."
        ),
        "highlights": [
            "The region's goal is to build a national base for rare earth materials and a leading base for rare earth applications around Baotou.",
            "Magnet makers and motor producers have opened plants close to China Northern Rare Earth's oxide and metal output.",
            "The National Rare Earth Functional Materials Innovation Center is meant to move research into production.",
        ],
        "image_caption": "Baotou hopes to keep more of the value of Bayan Obo's rare earths inside the city.",
        "body": """
<p>Baotou has been China's rare earth capital for as long as the industry has existed. The <a href="https://en.wikipedia.org/wiki/Bayan_Obo_Mining_District">Bayan Obo</a> deposit, some 150 kilometres north of the city, is mined for iron ore and rare earths together, and the light rare earths recovered from it are separated in Baotou by <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a>. For decades, though, most of the value was added elsewhere: oxides and metals left the city by rail for magnet plants in the east.</p>
<p>The Inner Mongolia leadership's answer is the slogan of the "two rare earth bases": a national base for rare earth materials and a world-leading base for rare earth applications, both centred on <a href="https://en.wikipedia.org/wiki/Baotou">Baotou</a>.</p>

<h2>What has moved</h2>
<p>The clearest change is downstream. Several large magnet makers have built plants in the city, drawn by feedstock from next door, by the regional government's incentives and by relatively cheap power, including from the wind and solar farms that now surround Baotou. Motor makers have followed the magnet makers. In 2023 Xinhua reported on new magnet and micro-motor factories at work in the city.</p>
<p>Upstream, <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a> and its subsidiaries have invested in cleaner smelting, in recovering rare earths from the tailings that decades of iron mining have piled up, and in research. The National Rare Earth Functional Materials Innovation Center, visited by the regional party secretary in 2024, is meant to take work on magnets, polishing and hydrogen-storage materials and catalysts from the laboratory to pilot lines.</p>

<h2>The city's role</h2>
<p>The city government's instruments are land, infrastructure and its own companies. The <a href="/regulators/baotou-sasac/">Baotou Municipal SASAC</a>, directed by <a href="/officials/liu-yanmei/">Liu Yanmei</a>, owns the investment and industrial-park companies that build plots and factories for incoming manufacturers, and sometimes take minority stakes in them. It does not control Baotou Steel, which answers to the <a href="/regulators/inner-mongolia-sasac/">regional commission</a>, but the two tiers have to work together: the city can offer sites and services, the group supplies the materials.</p>
<p>Baotou also hosts a rare earth products exchange, whose price quotations for oxides and metals are one of the market's reference points alongside the quarterly concentrate price set between Northern Rare Earth and <a href="/enterprises/baotou-steel-union/">Baotou Steel Union</a>.</p>

<h2>The hard part</h2>
<p>Feedstock and power are not enough. Magnet making at the high end depends on process know-how, much of it held by a handful of companies whose headquarters and research centres are in Ningbo, Beijing and Ganzhou rather than Inner Mongolia. Persuading engineers to move north, and growing a local supplier base for equipment and services, takes longer than building factories. Baotou's universities and the innovation centre are part of the answer, but results will take years.</p>
<p>There are also environmental legacies. The tailings dams and radioactive thorium-bearing residues of half a century of processing need managing, and the city's air and water have long been under scrutiny. Cleaner production is as much a condition of the plan as an aim of it.</p>

<h2>What to watch</h2>
<p>Three indicators will show whether the plan is working: the share of Northern Rare Earth's output sold as materials and components rather than oxides; the number of magnet makers that move research, not just production, to Baotou; and whether the city's state-owned park companies can fill their sites without ever-larger subsidies.</p>
""",
    },
    {
        "slug": "china-rare-earth-industry-group-by-group",
        "title": "China's rare earth industry, group by group",
        "status": "published",
        "age_hours": 24 * 205 + 2,
        "authors": ["li-wenjing", "tom-reyes"],
        "tags": ["SOE reform", "Supply chain", "Policy"],
        "officials": ["meng-fanying"],
        "enterprises": [
            "china-northern-rare-earth",
            "china-rare-earth-group",
            "xiamen-tungsten",
            "shenghe-resources",
            "baotou-steel-group",
        ],
        "regulators": ["sasac", "inner-mongolia-sasac", "miit"],
        "standfirst": (
            "A decade of consolidation has reduced China's rare earth industry to two dominant groups and a "
            "few specialists. Here is who owns what, and who answers to whom."
        ),
        "highlights": [
            "In 2014 the industry ministry named six groups to consolidate the sector; two of them now receive the national quotas.",
            "China Northern Rare Earth dominates light rare earths; China Rare Earth Group controls most of the south's heavy rare earths.",
            "Outside the quota groups, processors such as Shenghe Resources have built businesses on feedstock from abroad.",
        ],
        "image_caption": "Consolidation has concentrated China's rare earth output in a few state-controlled groups.",
        "body": """
<p>In January 2014 China's industry ministry named six companies to lead the consolidation of a rare earth sector then riddled with small miners, illegal operations and pollution: China Minmetals, Aluminum Corporation of China (Chinalco), Baotou Steel's rare earth arm, Guangdong Rare Earth Group, Ganzhou Rare Earth Group and <a href="/enterprises/xiamen-tungsten/">Xiamen Tungsten</a>. Over the following decade the six became, for practical purposes, two.</p>

<h2>The map today</h2>
<table>
<caption>China's main rare earth groups and their owners</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Base</th><th scope="col">Controlled by</th><th scope="col">Resource focus</th><th scope="col">Listed vehicle</th></tr></thead>
<tbody>
<tr><th scope="row">China Northern Rare Earth</th><td>Baotou, Inner Mongolia</td><td>Baotou Steel Group, owned by the Inner Mongolia government</td><td>Light rare earths from Bayan Obo</td><td>600111.SS</td></tr>
<tr><th scope="row">China Rare Earth Group</th><td>Ganzhou, Jiangxi</td><td>Central SASAC</td><td>Southern ion-adsorption clays, rich in medium and heavy rare earths</td><td>000831.SZ</td></tr>
<tr><th scope="row">Xiamen Tungsten</th><td>Xiamen, Fujian</td><td>Fujian provincial state capital</td><td>Fujian resources; separation, metals, magnet materials</td><td>600549.SS</td></tr>
<tr><th scope="row">Shenghe Resources</th><td>Chengdu, Sichuan</td><td>Listed company outside the quota groups</td><td>Imported feedstock and overseas projects</td><td>600392.SS</td></tr>
</tbody>
</table>

<h2>The north: one deposit, one group</h2>
<p><a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a> is the product of Inner Mongolia's own consolidation, which folded the region's small miners and separators into Baotou Steel's rare earth business in the early 2010s. It relies on a single, enormous source of ore at Bayan Obo and receives the largest share of the national mining quota. Its parent, <a href="/enterprises/baotou-steel-group/">Baotou Steel Group</a>, is led by party secretary and chairman <a href="/officials/meng-fanying/">Meng Fanying</a> and answers to the <a href="/regulators/inner-mongolia-sasac/">Inner Mongolia SASAC</a>, which makes the world's largest light rare earth business a regional, not central, state enterprise.</p>

<h2>The south: a central champion</h2>
<p>In the south, three of the original six merged in December 2021 to form <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a>, a central SOE under the <a href="/regulators/sasac/">State Council's SASAC</a>. Two years later, Guangdong's state holding company agreed to transfer Guangdong Rare Earth Group to it without payment. By 2024 the national mining and separation quotas were being issued to just two groups, Northern Rare Earth and China Rare Earth Group.</p>

<h2>Specialists and outsiders</h2>
<p>Xiamen Tungsten remains an important producer of separated oxides, metals and magnet materials, even though its mining allocation is now counted within China Rare Earth Group's. Beyond the quota system, companies such as <a href="/enterprises/shenghe-resources/">Shenghe Resources</a> have built businesses by processing imported ore and investing in projects abroad, which the new rules on imported feedstock now bring under the same total-volume control.</p>

<h2>Why the structure matters</h2>
<p>Consolidation has given Beijing what it wanted: fewer, larger operators that are easier to direct, and the ability to control output and exports through a handful of state-owned boards. It has also created groups large enough to matter politically, which is why their leaders' speeches about reform and discipline are read so closely. The <a href="/regulators/miit/">industry ministry</a> sets the rules, but the owners, central and regional, decide how the groups are run.</p>
""",
    },
    {
        "slug": "why-dysprosium-and-terbium-matter",
        "title": "Why dysprosium and terbium punch above their weight",
        "status": "published",
        "age_hours": 24 * 275 + 4,
        "authors": ["helen-marsh"],
        "tags": ["Heavy rare earths", "Magnets", "Export controls"],
        "officials": [],
        "enterprises": ["china-rare-earth-group", "lynas-rare-earths"],
        "regulators": ["mofcom"],
        "standfirst": (
            "Two elements used in small quantities decide whether many magnets survive the heat of an "
            "electric motor. That is why they sit at the centre of China's export controls."
        ),
        "highlights": [
            "Dysprosium and terbium help neodymium magnets keep their strength at the high temperatures of traction motors.",
            "Most of the world's supply comes from ion-adsorption clays in southern China and neighbouring Myanmar.",
            "Both have needed Chinese export licences since April 2025, and non-Chinese supply is only beginning.",
        ],
        "image_caption": "Heavy rare earths are used in small amounts but are hard to replace.",
        "body": """
<p>By volume, dysprosium and terbium are minor players. A typical high-performance magnet contains a few per cent of them at most, and global demand is measured in thousands of tonnes, a fraction of the demand for neodymium and praseodymium. By importance they are anything but minor, and that gap explains why they have become the sharpest edge of China's rare earth policy.</p>

<h2>What they do</h2>
<p>Neodymium-iron-boron magnets are extremely strong at room temperature but lose coercivity, their resistance to being demagnetised, as they heat up. In the traction motor of an electric car or the servo motors of industrial machinery, temperatures can exceed what a plain NdFeB magnet tolerates. Adding <a href="https://en.wikipedia.org/wiki/Dysprosium">dysprosium</a> or terbium raises coercivity and lets the magnet keep working. Terbium is more effective per kilogram but scarcer and dearer.</p>
<p>Magnet makers have reduced the amounts needed through grain-boundary diffusion, which puts the heavy rare earth only where it is most useful, along the boundaries between grains. That has cut consumption per magnet but has not removed the need.</p>

<h2>Where they come from</h2>
<p>Unlike the light rare earths, which come mainly from hard-rock deposits such as Bayan Obo and Mountain Pass, most heavy rare earth supply comes from ion-adsorption clays. Those deposits are concentrated in southern China, where <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a> now controls most of the licensed mining, and across the border in Myanmar, whose output has been disrupted repeatedly by conflict. Chinese separators process much of Myanmar's material, so even supply that is not mined in China usually passes through it.</p>
<p>China's allowance for its own ion-adsorption mining has been kept tight for years, partly to limit environmental damage. Growth in heavy rare earth supply has therefore depended on imports and on recycling.</p>

<h2>The export controls</h2>
<p>When the <a href="/regulators/mofcom/">Ministry of Commerce</a> introduced licensing for seven medium and heavy rare earths in April 2025, dysprosium and terbium were the ones that mattered most to foreign manufacturers. Magnets containing them were covered too. Prices outside China moved to a large premium over domestic Chinese prices, a split that reflects how little supply exists beyond the licensing system.</p>

<h2>Supply outside China</h2>
<p>The first commercial separation of heavy rare earths outside China came in May 2025, when <a href="/enterprises/lynas-rare-earths/">Lynas</a> produced dysprosium oxide in Malaysia, followed by terbium. Its output is small next to Chinese production, but it showed the chemistry can be done at scale elsewhere. Projects in the United States, Europe and Australia aim to follow, most of them still years from production, and many depend on finding feedstock rich enough in heavy elements.</p>

<h2>What to watch</h2>
<p>The price gap between Chinese and non-Chinese dysprosium and terbium is the best single measure of how tight the controls are. Watch also for new ion-adsorption projects outside China, in Brazil, Malaysia and elsewhere, and for magnet designs that use less of either element. Each will decide how long China's leverage lasts.</p>
""",
    },
    # ---- Never public: draft, in review, scheduled, archived --------------
    {
        "slug": "what-to-watch-2027-quota-season",
        "title": "What to watch as the 2027 quota season approaches",
        "status": "draft",
        "authors": ["li-wenjing"],
        "tags": ["Mining quotas", "Policy", "Prices"],
        "officials": ["zhou-wenbin"],
        "enterprises": ["china-northern-rare-earth", "china-rare-earth-group"],
        "regulators": ["miit"],
        "standfirst": (
            "With national totals no longer published, reading China's rare earth supply for next year "
            "means piecing together company filings, trade data and prices."
        ),
        "highlights": [
            "Quotas are now issued to producers without a public announcement.",
            "Company disclosures and the Baotou concentrate price are the best remaining signals.",
            "Imported feedstock now counts against the same ceiling as domestic ore.",
        ],
        "image_caption": "Draft: illustration to be confirmed.",
        "body": """
<p>Until 2024, the start of each year brought a number that rare earth analysts built their models around: the first batch of China's national mining and separation quotas. That ritual has gone. Since 2025 the allocations have been handed to producers without publication, under interim measures that also bring imported feedstock inside the ceiling. Forecasting next year's supply now means working from indirect evidence.</p>

<h2>Signal one: company filings</h2>
<p>The two groups that receive quotas, <a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a> and <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a>, disclose production and sales in their periodic reports, and the listed units sometimes refer to their allocations in investor-relations records. Year-on-year changes in separated oxide output are a reasonable proxy for the size of the separation quota, though not a perfect one: producers can run down stocks, and the timing of allocations varies.</p>

<h2>Signal two: the Baotou concentrate price</h2>
<p>The quarterly price set between Northern Rare Earth and Baotou Steel Union follows oxide prices with a lag. It does not reveal volumes, but a sustained rise alongside flat output suggests tight supply, and a fall with rising output suggests the opposite. [EDITOR: add the latest quarter once it is announced.]</p>

<h2>Signal three: trade data</h2>
<p>Customs figures on imports of rare earth ores and compounds, from Myanmar, Laos and elsewhere, now matter more, because imported material counts against the same total-volume ceiling. A jump in imports may mean less room for domestic mining, or a larger ceiling than expected.</p>

<h2>Signal four: official language</h2>
<p>The <a href="/regulators/miit/">industry ministry</a> describes the factors it weighs in setting totals: development goals, reserves, ecology and market demand. Changes in the emphasis of its statements, or in speeches by officials such as <a href="/officials/zhou-wenbin/">Zhou Wenbin</a> of its raw materials department, have sometimes preceded changes in policy. They are worth reading closely, even when they contain no numbers.</p>

<h2>Questions we want answered</h2>
<p>Will the allowance for ion-adsorption clays, held flat or trimmed for years, finally rise as heavy rare earth prices outside China climb? Will the quota holders remain just two? And will the traceability platform, now collecting monthly data from every producer, ever be used to publish aggregate statistics? [TK: call the association for comment; check whether any provincial notices mention allocations.]</p>
<p>None of these questions has a settled answer yet, which is why the quota season now feels less like an announcement and more like an investigation.</p>
<p>For readers outside China the practical advice is simple: treat any single number with caution, look for agreement between several signals, and expect surprises to show up first in prices rather than in official statements.</p>
""",
    },
    {
        "slug": "jiangxi-sasac-southern-rare-earth-belt",
        "title": "Jiangxi's state-assets commission and the southern rare earth belt",
        "status": "review",
        "authors": ["tom-reyes"],
        "tags": ["SOE reform", "Heavy rare earths", "Policy"],
        "officials": ["xu-ming"],
        "enterprises": ["china-rare-earth-group", "china-minmetals-rare-earth"],
        "regulators": ["jiangxi-sasac", "sasac"],
        "standfirst": (
            "Ganzhou gave up control of its rare earth champion when China Rare Earth Group was created. "
            "The province still has a stake, and a say, in how the south's heavy rare earths are developed."
        ),
        "highlights": [
            "Jiangxi's ion-adsorption clays are among China's main domestic sources of heavy rare earths.",
            "Ganzhou Rare Earth Group holds a fifth of China Rare Earth Group, giving the city and province a voice.",
            "The provincial commission's role has shifted from owner of the champion to partner of a central SOE.",
        ],
        "image_caption": "Southern China's clay deposits supply most of the country's domestic heavy rare earths.",
        "body": """
<p>When the rare earth businesses of Chinalco, China Minmetals and Ganzhou Rare Earth Group were merged into <a href="/enterprises/china-rare-earth-group/">China Rare Earth Group</a> in December 2021, the city of Ganzhou and the province of Jiangxi gave up direct control of the most valuable heavy rare earth assets in the country. They kept something in return: a shareholding, the headquarters, and a continuing role in how mining in the province is supervised. This article looks at how the <a href="/regulators/jiangxi-sasac/">Jiangxi provincial SASAC</a> has adapted.</p>

<h2>From owner to partner</h2>
<p>Before the merger, Ganzhou Rare Earth Group was a city-owned company supervised through Ganzhou's municipal commission, which in turn took guidance from the provincial one. Afterwards the operating assets sat inside a central SOE answering to the <a href="/regulators/sasac/">State Council's SASAC</a>, while Ganzhou's group kept a 20.33% stake in the new parent. The provincial commission's job changed accordingly: from running a champion to representing a minority owner and negotiating with a much larger partner.</p>
<p><a href="/officials/xu-ming/">Xu Ming</a>, a deputy director of the provincial commission who ran Ganzhou's municipal commission while the merger was being prepared, has described the relationship in provincial briefings as one of "co-construction". [REVIEW: confirm wording with the provincial briefing transcript before publication.]</p>

<h2>What the province still controls</h2>
<p>Jiangxi retains several levers. Local governments issue many of the permits that mines and processing plants need, supervise environmental restoration of old leaching sites, and act against illegal mining. The province also owns other companies in the supply chain, from tungsten to copper, that share infrastructure and labour with the rare earth industry. And the headquarters of China Rare Earth Group, with its tax base and jobs, remains in Ganzhou.</p>

<h2>The environmental bill</h2>
<p>The legacy of decades of in-situ and heap leaching is a large part of the province's agenda. Restoration of mined hillsides and treatment of ammonium-contaminated water are expensive and slow. Who pays, the central group, the province or the counties, is one of the questions that ownership changes have made more complicated rather than less.</p>

<h2>The listed angle</h2>
<p>For investors, the province's influence shows up indirectly, through the performance of the group's listed platform, the former <a href="/enterprises/china-minmetals-rare-earth/">China Minmetals Rare Earth</a>, and through local news of mine approvals and restoration projects. [REVIEW: add the latest interim results and any provincial statements from this year.]</p>

<h2>Why it matters</h2>
<p>Heavy rare earths are the part of the market in which China's advantage is largest and where export controls bite hardest. How smoothly the central group and the province work together will affect how much ion-adsorption ore is mined, how cleanly, and at what cost.</p>
""",
    },
    {
        "slug": "rare-earth-glossary",
        "title": "Glossary: the rare earth terms readers ask about most",
        "status": "scheduled",
        "age_hours": -72,
        "authors": ["helen-marsh"],
        "tags": ["Processing", "Supply chain", "Magnets"],
        "officials": [],
        "enterprises": [],
        "regulators": [],
        "standfirst": (
            "From REO to NdPr and from cracking to coercivity: a short guide to the vocabulary used in our "
            "coverage."
        ),
        "highlights": [
            "REO, rare earth oxide, is the common unit for ore grades, quotas and prices.",
            "NdPr oxide is the main product of light rare earth separation and the key input for magnets.",
            "Heavy rare earths such as dysprosium and terbium are used in small amounts to make magnets heat-resistant.",
        ],
        "image_caption": "A reference guide to the vocabulary of the rare earth industry.",
        "body": """
<p>Rare earth coverage comes with its own vocabulary, and some of it is used loosely even in the trade press. This glossary sets out how we use the most common terms. We will keep it updated as readers suggest additions.</p>
<p>The entries are grouped by theme rather than alphabetically: what the materials are and how they are measured, how ore becomes separated products, what goes into a magnet, and the policy language that appears in almost every story about China's industry.</p>

<h2>Materials and units</h2>
<dl>
<dt>Rare earth elements</dt><dd>The fifteen lanthanides plus scandium and yttrium: seventeen metals with similar chemistry that usually occur together. See the <a href="https://en.wikipedia.org/wiki/Rare-earth_element">overview on Wikipedia</a>.</dd>
<dt>REO (rare earth oxide)</dt><dd>The standard unit for grades, quotas and many prices. A concentrate "at 50% REO" contains rare earths equivalent to half its weight in oxide form.</dd>
<dt>Light and heavy rare earths</dt><dd>An informal split by atomic weight. Lanthanum to samarium or europium are usually called light; gadolinium to lutetium, with yttrium, heavy. Some classifications add a "medium" group in between, as Chinese export rules do.</dd>
<dt>NdPr</dt><dd>Neodymium and praseodymium, usually sold together as an oxide or metal. They account for most of the value in light rare earth ores because they are the main ingredients of permanent magnets.</dd>
</dl>

<h2>Processing</h2>
<dl>
<dt>Concentrate</dt><dd>Ore that has been physically upgraded, by flotation or magnetic separation, to a higher rare earth content before chemical treatment.</dd>
<dt>Cracking and leaching</dt><dd>The chemical steps that dissolve rare earths out of concentrate, typically with acid, producing a mixed solution or compound.</dd>
<dt>Separation</dt><dd>Splitting the mixed rare earths into individual elements or pairs, usually by solvent extraction in long banks of mixer-settlers. It is the step in which China's lead is largest.</dd>
<dt>Ion-adsorption clay</dt><dd>A weathered deposit in which rare earths are loosely attached to clay particles and can be leached with salt solutions. Such deposits, found mainly in southern China and Myanmar, are the main source of heavy rare earths.</dd>
</dl>

<h2>Magnets</h2>
<dl>
<dt>NdFeB magnet</dt><dd>A permanent magnet made from neodymium, iron and boron, the strongest type in mass production. Sintered magnets go into motors and generators; bonded magnets into smaller devices.</dd>
<dt>Coercivity</dt><dd>A magnet's resistance to being demagnetised. It falls as temperature rises, which is why dysprosium or terbium is added to magnets for hot motors.</dd>
<dt>Grain-boundary diffusion</dt><dd>A process that places heavy rare earths along the boundaries between a magnet's grains, where they do most good, cutting the amount needed.</dd>
</dl>

<h2>Policy</h2>
<dl>
<dt>Total-volume control</dt><dd>China's system of annual ceilings on rare earth mining and on smelting and separation, allocated to designated state groups.</dd>
<dt>Dual-use export control</dt><dd>The licensing regime that China applies to goods with civilian and military uses. Seven medium and heavy rare earths and magnets containing them have been covered since April 2025.</dd>
<dt>SASAC</dt><dd>A State-owned Assets Supervision and Administration Commission, the body that acts as shareholder for state enterprises at national, provincial or city level. See our <a href="/articles/what-a-regional-sasac-does/">explainer</a>.</dd>
</dl>
<p>Company and regulator names follow the forms used on their profile pages, such as <a href="/regulators/miit/">MIIT</a> for the industry ministry, with Chinese names and common alternatives listed there.</p>
<p>Missing a term? Tell us, and we will add it to the next update.</p>
""",
    },
    {
        "slug": "baotou-concentrate-price-q4-2025",
        "title": "Baotou rare earth concentrate price jumps 37% for the fourth quarter",
        "status": "archived",
        "published_on": "2025-10-10T09:00:00",
        "age_hours": 24 * 410,
        "authors": ["tom-reyes"],
        "tags": ["Prices", "Baotou"],
        "officials": [],
        "enterprises": ["china-northern-rare-earth", "baotou-steel-union"],
        "regulators": [],
        "standfirst": (
            "The related-party price of Bayan Obo concentrate rises to 26,205 yuan a tonne, the biggest "
            "quarterly increase since the formula was adopted in 2023."
        ),
        "highlights": [
            "China Northern Rare Earth and Baotou Steel Union set the fourth-quarter 2025 price at 26,205 yuan per tonne.",
            "The increase of 37.1% follows a sharp rally in NdPr oxide prices in the third quarter.",
            "Each percentage point of REO moves the price by 524.10 yuan a tonne.",
        ],
        "image_caption": "The quarterly concentrate price tracks oxide prices with a lag of one quarter.",
        "body": """
<p><a href="/enterprises/china-northern-rare-earth/">China Northern Rare Earth</a> and <a href="/enterprises/baotou-steel-union/">Inner Mongolia Baotou Steel Union</a> have raised the price of rare earth concentrate for October to December 2025 to 26,205 yuan per tonne, on a dry basis at 50% rare earth oxide and excluding VAT. That is 7,096 yuan, or 37.1%, more than the third-quarter price of 19,109 yuan, and the fifth quarterly increase in a row.</p>
<p>For each percentage point of REO content above or below 50%, the price changes by 524.10 yuan a tonne.</p>

<h2>Why so large</h2>
<p>The price is calculated by formula at the start of each quarter from rare earth oxide prices in the previous quarter. The third quarter of 2025 brought a strong rally in praseodymium-neodymium oxide, driven by restocking among magnet makers, tight supply and the effects of export controls on the wider market, and the formula has passed that through in full.</p>
<p>Earlier increases had been modest: 4.7% in the first quarter, 1.1% in the second and 1.5% in the third. This one is the largest since the formula was adopted, after a period in 2023 and 2024 when falling oxide prices pulled the concentrate price down.</p>
<p>Over the past year the price has risen by more than half: in the third quarter of 2024 it stood at 16,741 yuan a tonne.</p>

<h2>Who gains</h2>
<p>The change shifts profit within the Baotou Steel group from the separator to the miner. Baotou Steel Union, which holds the Bayan Obo mining rights, books higher revenue on every tonne it sells. Northern Rare Earth pays more for its feedstock but has been selling oxides at higher prices, so its margins depend on whether those prices hold in the quarter ahead.</p>
<p>Northern Rare Earth's shares have roughly doubled since July, as investors bet that Chinese producers will benefit from tighter supply.</p>

<h2>Context</h2>
<p>The formula has been in use since 1 April 2023, replacing negotiations between the two companies that had at times broken down. Because it tracks published oxide prices, the concentrate price has become one of the few transparent indicators in a market dominated by state-owned groups, and is closely followed by producers outside China.</p>

<h2>What comes next</h2>
<p>The first-quarter 2026 price will be set in early January from oxide prices in the current quarter. If NdPr holds near its recent highs, a further rise is likely, though much smaller than this one. We will report the figure when it is published.</p>
<p>[Archived: superseded by our report on the first-quarter 2026 price.]</p>
""",
    },
]

# --------------------------------------------------------------------------
# Corrections (keyed on article slug and kind)
# --------------------------------------------------------------------------

CORRECTIONS: list[Record] = [
    {
        "article": "baotou-concentrate-price-q1-2026",
        "kind": "correction",
        "hours_after_publication": 6,
        "text": (
            "An earlier version of the table gave the third-quarter 2024 price as 16,792 yuan per tonne, "
            "which was the second-quarter figure. The third-quarter 2024 price was 16,741 yuan, a fall of "
            "0.3%; the table has been corrected."
        ),
    },
]
