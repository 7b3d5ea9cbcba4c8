#!/usr/bin/env bash
# Dev-only: regenerates the demo course media in resources/demo-course/. The outputs are committed,
# so neither CI nor `npm start` ever needs ffmpeg. Needs ffmpeg with libx264, libvpx-vp9, libopus
# and drawtext, and a CJK font (Debian: `apt-get install -y ffmpeg fonts-noto-cjk`).
set -euo pipefail

cd "$(dirname "$0")/.."
out=resources/demo-course
name=intro
seconds=24
font=${CJK_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}
[ -f "$font" ] || font=$(fc-match -f '%{file}' 'Noto Sans CJK SC:bold')

mkdir -p "$out"

# A moving test pattern (so a frozen player is obvious), a big title and a seconds counter (so a
# person can check seeking and subtitle timing by eye), and a tone that steps 440 → 660 Hz every
# two seconds (so a silent or looping audio track is obvious by ear).
video="testsrc2=size=640x360:rate=25:duration=${seconds},
drawbox=x=0:y=118:w=iw:h=124:color=black@0.72:t=fill,
drawtext=fontfile=${font}:text='远程教育终端使用入门':fontsize=44:fontcolor=white:x=(w-tw)/2:y=130,
drawtext=fontfile=${font}:text='示范课程 %{eif\:t\:d} 秒':fontsize=36:fontcolor=yellow:x=(w-tw)/2:y=190,
format=yuv420p"
audio="aevalsrc=0.25*sin(2*PI*if(lt(mod(t\,4)\,2)\,440\,660)*t):sample_rate=48000:duration=${seconds}"

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$video" -f lavfi -i "$audio" \
  -c:v libx264 -profile:v main -level 3.0 -preset slow -crf 33 -pix_fmt yuv420p -g 50 \
  -c:a aac -b:a 64k -ac 1 \
  -movflags +faststart -shortest "$out/$name.mp4"

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$video" -f lavfi -i "$audio" \
  -c:v libvpx-vp9 -b:v 0 -crf 50 -row-mt 1 -deadline good -cpu-used 4 -g 50 -pix_fmt yuv420p \
  -c:a libopus -b:a 48k -ac 1 \
  -shortest "$out/$name.webm"

cat > "$out/$name.zh.vtt" <<'VTT'
WEBVTT

1
00:00:00.500 --> 00:00:05.000
欢迎参加党员远程教育示范课程

2
00:00:05.500 --> 00:00:10.000
本课程介绍远程教育终端的基本使用方法

3
00:00:10.500 --> 00:00:15.000
用遥控器的方向键选择，按“确定”键进入

4
00:00:15.500 --> 00:00:20.000
按“返回”键回到上一页

5
00:00:20.500 --> 00:00:23.800
学习结束后，请在签到页面登记
VTT

cat > "$out/course.json" <<JSON
{
  "title": "示范课程：远程教育终端使用入门",
  "kind": "collective",
  "audience": "all",
  "order": 1,
  "durationSeconds": ${seconds}
}
JSON

ls -l "$out"
